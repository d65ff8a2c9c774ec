"""Reading bytes into text: BOMs, UTF-8, an explicit encoding, or a checked guess.

A file is read twice, both times as a stream: :func:`sniff_encoding` chooses the
encoding and proves that the whole file decodes with it (counting its lines),
then :func:`iter_lines` hands out the lines. A bad byte is therefore reported
(with its byte offset and line) before any report is written, and memory does
not grow with the file.

Choice, in order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); the
encoding the caller names; strict UTF-8; otherwise a guess among the legacy
encodings mtqa recognises — GB18030 (and so GBK/GB2312), Big5 (cp950) and
Latin-1/cp1252 — scored on how plausible each decoding is (:func:`plausibility`).
A guess that is not clearly plausible is refused with a request for
``--encoding`` instead of passing mojibake off as text. charset-normalizer only
supplies a hint for that message (on short texts its own first guess is often
wrong: GBK read as UTF-16, Big5 as Shift-JIS, Latin-1 as cp1250).
"""
from __future__ import annotations

import codecs
import io
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
CHUNK = 1 << 20
#: Legacy encodings tried when a file is not UTF-8, most specific first.
CANDIDATES = ("gb18030", "big5", "cp950", "cp1252", "latin-1")
#: A guess is accepted when its plausibility (see :func:`plausibility`, range -5..1) is at
#: least this, and beats every differently-decoding candidate by ``MARGIN``. Set on short
#: hand-written Chinese (simplified and traditional) and French sentences: right
#: decodings score 0.8-1.0, wrong ones -1.3-0.5 (tests/test_encodings.py).
MIN_PLAUSIBILITY = 0.6
MARGIN = 0.3
#: Bytes of the file scored for a guess, starting shortly before the first non-UTF-8 byte.
SAMPLE = 256 * 1024
#: A Chinese decoding must have at least this share of its Chinese characters inside
#: multi-character words wordfreq knows (greedy longest match). Right decodings of short
#: sentences score 0.57-1.0; EUC-JP/EUC-KR/Big5/GBK read with the wrong codec 0.0-0.11.
MIN_COHERENCE = 0.3
_COHERENCE_CHARS = 20_000
_CJK_CANDIDATES = ("gb18030", "big5", "cp950")
HINT = "pass --encoding (e.g. gb18030, big5, latin-1, utf-16)"


@dataclass(frozen=True)
class TextEncoding:
    """How a file's bytes become text, found by :func:`sniff_encoding`.

    ``name``: the Python codec used (``utf-8``, ``utf-16-le``, ``gb18030``, ``big5``,
    ``cp1252``, ``latin-1``...). ``how``: ``bom`` | ``given`` | ``utf-8`` | ``detected``.
    ``bom``: bytes skipped at the start. ``lines``: number of lines (``\\n``, ``\\r\\n`` or
    ``\\r`` end a line; a last line without one counts; an empty file has 0).
    ``chars``: decoded characters (without the BOM); ``blank``: True when they are all
    whitespace (or there are none). ``plausibility``: the score of a
    detected encoding, else None. ``path``: where to read the bytes (a spooled copy
    for pipes and other non-regular files). ``size``: bytes, to notice a file changing.
    """

    name: str
    how: str
    bom: int = 0
    lines: int = 0
    chars: int = 0
    plausibility: float | None = None
    blank: bool = True
    path: str = ""
    size: int = 0
    _keep: object = field(default=None, repr=False, compare=False)

    def describe(self) -> str:
        """``gb18030 (detected)``, ``utf-8``, ``utf-16-le (byte-order mark)`` — for report metadata."""
        extra = {"bom": " (byte-order mark)", "given": " (--encoding)", "detected": " (detected)"}.get(self.how, "")
        return self.name + extra


def sniff_encoding(path: str | Path, encoding: str | None = None) -> TextEncoding:
    """Choose the encoding of ``path`` and check that the whole file decodes with it.

    Streams the file once (memory bounded by ``CHUNK`` and ``SAMPLE``). Raises
    InputError for a missing or unreadable file, an unknown ``encoding``, the
    first undecodable byte (with its byte offset and line), UTF-16/32 text without
    a byte-order mark, and a legacy encoding that cannot be told with confidence.
    """
    p = str(path)
    real, keep = _regular_file(p)
    try:
        fh = open(real, "rb")
    except OSError as exc:  # pragma: no cover - raced with _regular_file
        raise _os_error(p, exc) from None
    with fh:
        return _sniff(fh, p, encoding, {"path": real, "size": os.fstat(fh.fileno()).st_size, "_keep": keep})


def _sniff(fh: BinaryIO, p: str, encoding: str | None, common: dict) -> TextEncoding:
    head = fh.read(4)
    bom_name, bom = next(((name, len(b)) for b, name in _BOMS if head.startswith(b)), (None, 0))
    if bom_name:
        lines, chars, blank = _validate(fh, bom, bom_name, p)
        return TextEncoding(bom_name, "bom", bom, lines, chars, blank=blank, **common)
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(p, f"unknown encoding {encoding!r}; {HINT}") from None
        lines, chars, blank = _validate(fh, 0, name, p)
        return TextEncoding(_display(name), "given", 0, lines, chars, blank=blank, **common)
    try:
        lines, chars, blank = _validate(fh, 0, "utf-8", p)
    except _Undecodable as exc:
        first = exc
    else:
        _refuse_bomless_utf16(fh, p)
        return TextEncoding("utf-8", "utf-8", 0, lines, chars, blank=blank, **common)
    name, score, lines, chars, blank = _guess(fh, first, p)
    return TextEncoding(name, "detected", 0, lines, chars, plausibility=round(score, 3), blank=blank, **common)


def open_text(enc: TextEncoding, path_for_errors: str | None = None) -> io.TextIOWrapper:
    """A text stream over the file described by ``enc``, after its BOM, line breaks untranslated.

    Iterating it yields lines with their breaks (``\\n``, ``\\r\\n`` or ``\\r``).
    Raises InputError when the file has changed size since :func:`sniff_encoding`.
    """
    p = path_for_errors or enc.path
    try:
        fh = open(enc.path, "rb")
    except OSError as exc:
        raise _os_error(p, exc) from None
    if os.fstat(fh.fileno()).st_size != enc.size:
        fh.close()
        raise InputError(p, "the file changed while mtqa was reading it; run again on a file that is complete")
    fh.seek(enc.bom)
    return io.TextIOWrapper(fh, encoding=enc.name, errors="strict", newline="")


def iter_lines(enc: TextEncoding, path_for_errors: str | None = None) -> Iterator[str]:
    """The file's lines with their line breaks, streamed (see :func:`open_text`)."""
    p = path_for_errors or enc.path
    with open_text(enc, p) as fh:
        try:
            yield from fh
        except UnicodeDecodeError as exc:  # only if the file changed between the two passes
            raise InputError(p, f"cannot decode the file as {enc.name} any more ({exc.reason}); "
                             "did it change while mtqa was reading it?") from None


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode in-memory file bytes with the same rules as :func:`sniff_encoding`; returns (text, encoding).

    Raises InputError as :func:`sniff_encoding` does.
    """
    enc = _sniff(io.BytesIO(data), path, encoding, {"size": len(data)})
    return data[enc.bom:].decode(enc.name), enc.name


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Read and decode a whole file (see :func:`sniff_encoding`); InputError when unreadable.

    Prefer :func:`sniff_encoding` + :func:`iter_lines` for files of unknown size.
    """
    enc = sniff_encoding(path, encoding)
    with open_text(enc, str(path)) as fh:
        return fh.read()


# --- the first pass ---------------------------------------------------------------------------------------------

class _Undecodable(InputError):
    """The first byte that does not decode (``offset`` in bytes from the start of the file)."""

    def __init__(self, path: str, encoding: str, offset: int, byte: int, line: int) -> None:
        self.offset, self.byte, self.encoding = offset, byte, encoding
        super().__init__(path, f"cannot decode byte 0x{byte:02x} at byte offset {offset} as {encoding}; {HINT}",
                         line=line)


def _validate(fh: BinaryIO, start: int, encoding: str, path: str) -> tuple[int, int, bool]:
    """Decode the whole stream from byte ``start``; returns (lines, characters, blank); raises _Undecodable."""
    fh.seek(start)
    dec = codecs.getincrementaldecoder(encoding)(errors="strict")
    counter = _LineCounter()
    fed = start  # bytes handed to the decoder so far
    chars = 0
    blank = True
    while True:
        chunk = fh.read(CHUNK)
        final = not chunk
        pending = len(dec.getstate()[0])
        try:
            text = dec.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            offset = fed - pending + exc.start
            counter.feed(codecs.decode(exc.object[:exc.start], encoding, errors="replace"))  # lines before it
            raise _Undecodable(path, _display(encoding), offset, exc.object[exc.start], counter.breaks + 1) from None
        counter.feed(text)
        chars += len(text)
        if blank and text and not text.isspace():
            blank = False
        fed += len(chunk)
        if final:
            return counter.lines, chars, blank


class _LineCounter:
    """Counts lines over a stream of decoded chunks (``\\r\\n`` split across chunks counts once)."""

    def __init__(self) -> None:
        self.breaks = 0
        self.last = ""

    def feed(self, text: str) -> None:
        if not text:
            return
        n = text.count("\n") + text.count("\r") - text.count("\r\n")
        if self.last == "\r" and text[0] == "\n":
            n -= 1
        self.breaks += n
        self.last = text[-1]

    @property
    def lines(self) -> int:
        return self.breaks + (1 if self.last not in ("", "\n", "\r") else 0)


def _display(codec_name: str) -> str:
    return {"iso8859-1": "latin-1", "utf_8": "utf-8"}.get(codec_name, codec_name)


def _refuse_bomless_utf16(fh: BinaryIO, path: str) -> None:
    """UTF-16/32 text without a BOM is valid UTF-8 full of NULs: refuse it rather than decode it so."""
    fh.seek(0)
    head = fh.read(4096)
    nul = head.count(0)
    if len(head) >= 8 and nul * 4 >= len(head):
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        if max(even, odd) >= 0.9 * nul:
            guess = "utf-16-le" if odd > even else "utf-16-be"
            raise InputError(path, "the file looks like UTF-16 or UTF-32 without a byte-order mark (every other "
                             f"byte is NUL); pass --encoding {guess} (or utf-32-le/-be; utf-8 if the NULs are "
                             "really there)", line=1)


def _guess(fh: BinaryIO, first: _Undecodable, path: str) -> tuple[str, float, int, int, bool]:
    """Pick a legacy encoding for a file that is not UTF-8: (name, plausibility, lines, characters, blank).

    InputError when none is clearly plausible.
    """
    begin = max(0, first.offset - 4096)
    fh.seek(begin)
    sample = fh.read(first.offset - begin + SAMPLE)
    if begin:  # start at a line boundary: no legacy multi-byte sequence contains 0x0A
        nl = sample.find(b"\n", 0, first.offset - begin)
        sample = sample[nl + 1:] if nl != -1 else sample[first.offset - begin:]
    scored: list[tuple[float, str, str]] = []
    for name in CANDIDATES:
        try:
            text = codecs.getincrementaldecoder(name)(errors="strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if name in _CJK_CANDIDATES and score >= MIN_PLAUSIBILITY:
            coherence = chinese_coherence(text[:_COHERENCE_CHARS])
            if coherence is not None and coherence < MIN_COHERENCE:
                score = min(score, coherence)  # frequent characters, but no words: a wrong legacy decoding
        scored.append((score, name, text))
    scored.sort(key=lambda t: -t[0])
    if scored:
        best, name, text = scored[0]
        rivals = [s for s, _, t in scored[1:] if t != text]
        if best >= MIN_PLAUSIBILITY and all(best - s >= MARGIN for s in rivals):
            if name == "cp1252" and not any(0x80 <= b <= 0x9F for b in sample):
                name = "latin-1"  # the same text; the name users know
            return _confirm(fh, name, best, path, first)
    hint = _charset_normalizer_hint(sample)
    tried = ", ".join(f"{n} {s:.2f}" for s, n, _ in scored) or "none decodes"
    raise InputError(path, f"not UTF-8 (byte 0x{first.byte:02x} at byte offset {first.offset}) and the legacy "
                     f"encoding cannot be told with confidence (plausibility: {tried}{hint}); {HINT}",
                     line=first.line)


def _confirm(fh: BinaryIO, name: str, score: float, path: str,
             first: _Undecodable) -> tuple[str, float, int, int, bool]:
    """The sample decoded; the rest of the file must too (cp1252 falls back to latin-1 for its 5 holes)."""
    for candidate in ([name, "latin-1"] if name == "cp1252" else [name]):
        try:
            return (candidate, score, *_validate(fh, 0, candidate, path))
        except _Undecodable as exc:
            last = exc
    raise InputError(path, f"looks like {name} (not UTF-8 at byte offset {first.offset}) but byte "
                     f"0x{last.byte:02x} at byte offset {last.offset} is not {name} either; {HINT}",
                     line=last.line)


def _charset_normalizer_hint(sample: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - a hint only
        return ""
    return f"; charset-normalizer suggests {best.encoding}" if best is not None else ""


# --- plausibility ---------------------------------------------------------------------------------------------

_TYPOGRAPHIC = set("\u00a0«»°€£¥©®™’‘“”–—…•·²³½¼¾§¡¿×÷µ¶")
_LATIN_LETTERS = {chr(c) for c in range(0xC0, 0x100)} - {"×", "÷"} | set("ŒœŠšŽžŸƒ")


def _common_han(ch: str) -> bool:
    """A frequent Chinese character: GB2312 level 1 (3,755 simplified) or Big5 level 1 (5,401 traditional)."""
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def plausibility(text: str) -> float:
    """How much ``text`` looks like real Chinese or Western European text, from -5 (garbage) to 1.

    The mean over its non-ASCII characters, taken in runs between ASCII characters
    and spaces, of: +1 for a frequent Chinese character (GB2312 or Big5 level 1) or
    CJK/full-width punctuation; +1 for a Latin-1 letter alone among ASCII (``café``)
    or in a lower-case pair touching an ASCII letter (``größte``, ``créée``); +1 for a
    typographic sign (« » “ ” — € ...) alone or among Chinese text; -1 for anything
    else — rare Chinese characters, kana, other scripts, rare signs, longer runs of
    Latin-1 letters (``ÕâÊÇ`` is GBK read as Latin-1); -5 for control, private-use
    and unassigned characters and U+FFFD. A wrong legacy decoding produces exactly
    the -1 and -5 kinds. Returns 0.0 for pure ASCII.
    """
    total = 0.0
    count = 0
    for m in _RUN.finditer(text):
        run = m.group(0)
        count += len(run)
        cjk = any(_cjk_ok(c) for c in run)
        short_pair = (len(run) == 2 and all(c in _LATIN_LETTERS and c.islower() for c in run)
                      and (_ascii_letter(text, m.start() - 1) or _ascii_letter(text, m.end())))
        for ch in run:
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
                total -= 5
            elif 0x4E00 <= ord(ch) <= 0x9FFF:
                total += 1 if _common_han(ch) else -1
            elif _cjk_ok(ch):
                total += 1
            elif ch in _TYPOGRAPHIC:
                total += 1 if len(run) == 1 or cjk else -1
            elif ch in _LATIN_LETTERS:
                total += 1 if len(run) == 1 or short_pair else -1
            else:
                total -= 1
    return total / count if count else 0.0


def chinese_coherence(text: str) -> float | None:
    """Share of the Chinese characters of ``text`` that fall in multi-character words (0..1), or None.

    Words are found by greedy longest match (2-6 characters) against wordfreq's Chinese
    word list (Zipf >= 1), after wordfreq's character-by-character simplification, so
    Traditional text counts too. None when ``text`` has fewer than 2 Chinese characters.
    (wordfreq's own Chinese tokenizer would need jieba, which mtqa does not depend on.)
    """
    han = sum(1 for ch in text if 0x4E00 <= ord(ch) <= 0x9FFF)
    if han < 2:
        return None
    words, simplify = _chinese_words()
    simple = text.translate(simplify)
    in_words = 0
    for m in _HAN_RUN.finditer(simple):
        run, i = m.group(0), 0
        while i < len(run) - 1:
            for size in range(min(6, len(run) - i), 1, -1):
                if run[i:i + size] in words:
                    in_words += size
                    i += size
                    break
            else:
                i += 1
    return in_words / han


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _chinese_words() -> tuple[frozenset[str], dict]:
    """wordfreq's Chinese words of 2+ characters at Zipf >= 1, and its Traditional-to-Simplified map."""
    import gzip

    import msgpack
    from wordfreq import get_frequency_dict
    from wordfreq.util import data_path
    words = frozenset(w for w, f in get_frequency_dict("zh").items() if f >= 1e-8 and len(w) >= 2)
    with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as fh:
        mapping = msgpack.load(fh, raw=False, strict_map_key=False)
    return words, mapping


_RUN = re.compile(r"[^\x00-\x7f\s]+")


def _cjk_ok(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or (0x4E00 <= o <= 0x9FFF and _common_han(ch))


def _ascii_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i] < "\x80" and text[i].isalpha()


# --- files that are not regular files -------------------------------------------------------------------------

def _regular_file(path: str) -> tuple[str, object]:
    """The path to read twice: ``path`` itself, or a spooled copy of a pipe or device (removed when unused)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a directory, not a file")
    if stat.S_ISREG(st.st_mode):
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise _os_error(path, exc) from None
        return path, None
    fd, tmp = tempfile.mkstemp(prefix="mtqa-input-")
    try:
        with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
    except OSError as exc:
        os.unlink(tmp)
        raise _os_error(path, exc) from None
    keep = _Spool(tmp)
    return tmp, keep


class _Spool:
    """Owns a spooled copy of a non-regular input; the file goes when the last TextEncoding using it does."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._finalizer = weakref.finalize(self, _unlink, path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _os_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied; check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    return InputError(path, f"cannot read: {exc.strerror or exc}")
