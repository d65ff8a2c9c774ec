"""Broken punctuation: unbalanced quotes and brackets, orphans, doubles, spacing, CJK width."""
from __future__ import annotations

import unicodedata
from array import array
from itertools import chain
from typing import Iterable, Iterator

import regex

from ..languages import LanguageProfile
from ..segment import sentence_number
from ..spans import IntervalClaims, SpanSet
from ..text import foreign_script_runs, in_protected, prev_nonspace, script_of
from ..types import Issue, Segment, Span
from .base import Detector

_OPEN = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "《": "》", "「": "」", "『": "』", "〈": "〉"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_OPEN_KEYS = tuple(_OPEN)
_OPEN_INDEX = {c: k for k, c in enumerate(_OPEN_KEYS)}
#: Bracket pairs that differ only in width: （ closed by ) is a mismatch, not two errors.
_WIDTH_TWIN = {"(": "（", "（": "(", ")": "）", "）": ")"}
_ORPHAN = regex.compile(r"(?<=\s)[%.,;:!?]+(?=\s|$)")
_DOUBLED = regex.compile(r"(?<![.])(?:\.\.(?!\.)|,,+|;;+|::+|[,;][.,;]|\.,|。。+|，，+)")
_SPACE_BEFORE = regex.compile(r"(?<=[\p{L}\p{N})\]\"”’])[ \t]+([,;:.!?])(?=\s|$|[\"”’])")
_DOUBLE_SPACE = regex.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
_SPACED_WORD = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{N}]")  # words set off by spaces (not CJK)
_STRAY_UNDERSCORE = regex.compile(r"(?<=\p{L})_+(?=\s|$)")
_ASCII_TO_WIDE = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。"}
_WIDE_TO_ASCII = {"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "、": ","}


def _unbalanced(text: str) -> bool:
    """True when quotes or brackets in ``text`` do not pair up (counting only)."""
    if text.count("“") != text.count("”") or text.count('"') % 2 or text.count("「") != text.count("」"):
        return True
    return any(text.count(o) != text.count(c) for o, c in _OPEN.items())
#: End punctuation kinds, width-independent (Latin, CJK full-width, Arabic, Devanagari forms).
_END_KIND = {".": "stop", "。": "stop", "．": "stop", "｡": "stop", "।": "stop", "?": "question", "？": "question",
             "؟": "question", "!": "exclamation", "！": "exclamation", ":": "colon", "：": "colon",
             ";": "semicolon", "；": "semicolon", "…": "ellipsis", "⋯": "ellipsis", ",": "comma", "，": "comma",
             "、": "comma"}
_END_NAMES = {"stop": "a full stop", "question": "a question mark", "exclamation": "an exclamation mark",
              "colon": "a colon", "semicolon": "a semicolon", "ellipsis": "an ellipsis", "comma": "a comma"}
_END_MARKS = {"stop": (".", "。"), "question": ("?", "？"), "exclamation": ("!", "！"), "colon": (":", "："),
              "semicolon": (";", "；"), "ellipsis": ("…", "……"), "comma": (",", "，")}
#: Running-text sentences at least this long must end in punctuation (shorter: list items, captions).
_UNENDED_MIN_WORDS = 8
_UNENDED_MIN_CHARS = 20


def _closing_fix(text: str, i: int) -> tuple[Span, str]:
    """Span and replacement that turn the “ at ``i`` into a closing ” with English spacing:
    the space before it moves after it (``Luoshan “and`` → ``Luoshan” and``)."""
    before = i > 0 and text[i - 1] in " \t"
    word_after = i + 1 < len(text) and bool(_SPACED_WORD.match(text[i + 1]))
    return Span(i - 1 if before else i, i + 1), "”" + (" " if word_after else "")


_TRAILING_CLOSERS = "\"'”’»)）]】」』》〉"


def _end_kind(text: str) -> tuple[str | None, int]:
    """(kind of the final punctuation or None, index of the character it was read from)."""
    t = text.rstrip()
    k = len(t) - 1
    while k > 0 and t[k] in _TRAILING_CLOSERS:
        k -= 1
    if k < 0:
        return None, 0
    if t.endswith("...", 0, k + 1):
        return "ellipsis", k
    return _END_KIND.get(t[k]), k


def _after_abbreviation(text: str, dot: int, profile: LanguageProfile) -> bool:
    m = regex.search(r"([\p{L}.]+)$", text[max(0, dot - 64):dot])  # a window: abbreviations are short
    return bool(m) and m.group(1).lower().rstrip(".") in profile.abbreviations


def _number_before(text: str, i: int) -> bool:
    """True when a number standing alone (after whitespace or at the start) precedes ``i``, spaces allowed."""
    k = prev_nonspace(text, i)
    if k < 0 or not unicodedata.category(text[k]).startswith("N"):
        return False
    while k >= 0 and unicodedata.category(text[k]).startswith("N"):
        k -= 1
    return k < 0 or text[k].isspace()


def _is_cjk_char(ch: str) -> bool:
    return script_of(ch) in ("Han", "Hiragana", "Katakana") or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


class Punctuation(Detector):
    """Punctuation: unbalanced or wrongly directed quotes and brackets, orphans, doubles, spacing, CJK width.

    * Curly double quotes must alternate “ … ”: a second “ where ” is due (wrong
      direction), a stray ” or an unclosed “ is flagged on that mark. Straight
      double quotes are paired by position (opening after a space, closing before
      one); inch marks after digits (``27"``) are not quotes. Apostrophes and
      single quotes are never paired (players', 'em, '80s).
    * Brackets ``() [] {} （） 【】 《》 「」 『』`` must nest; a full-width opener
      closed by an ASCII closer is one mismatch spanning the pair. List markers
      (``1)``, ``a)``) and emoticons are left alone. With a source that itself
      leaves a quote or bracket open (a quotation running over several
      segments), quote and bracket balance is not checked.
    * Orphan punctuation standing between spaces (``coverage. %.``), doubled
      marks (``,,``, ``..``, ``.,``; not ellipses), a space before , ; : . ! ?
      (not in French-style languages), runs of spaces, a stray underscore.
    * Width by target language (Locale convention/Punctuation): ASCII , ; : ! ? .
      touching Chinese/Japanese text in a CJK target (not inside numbers such as
      5.99 or 2.1.0); full-width marks in a Latin-script target outside
      foreign-script runs (``untranslated`` reports those).
    * Sentence end: with a source, the kind of end punctuation against the source's
      (``_end_parity``); without one, a paragraph's second or later sentence of 8+
      words that ends in a letter or digit (``_unended``: a lost full stop).

    All ``minor``; MQM weight 0.1 as Fluency/Punctuation (WMT).
    """

    name = "punctuation"
    category = "Fluency/Punctuation"
    severity = "minor"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        text = segment.target
        if not text.strip():
            return
        taken = IntervalClaims()
        findings = self._findings(text, profile, segment.source)
        if segment.source and segment.source.strip():
            findings = chain(findings, self._end_parity(segment.source, text, profile))
        elif segment.kind == "sentence" and (sentence_number(segment) or 1) > 1:
            findings = chain(findings, self._unended(text, profile))
        for span, message, suggestion, category in findings:  # a stream: a 10 MB line has millions
            if taken.overlaps(span.start, span.end) or in_protected(text, span.start, span.end):
                continue
            taken.claim(span)
            yield self.issue(segment, message, span, suggestion=suggestion, category=category)

    def _findings(self, text: str, profile: LanguageProfile,
                  source: str | None = None) -> Iterator[tuple[Span, str, str | None, str | None]]:
        mirrored = source is not None and _unbalanced(source)
        if not mirrored:  # a quote or bracket the source also leaves open spans several segments
            yield from self._curly_quotes(text)
            yield from self._straight_quotes(text)
            yield from self._brackets(text)
        for m in _ORPHAN.finditer(text):
            if m.group(0) in ("...", "…"):
                continue
            k = prev_nonspace(text, m.start())
            if len(m.group(0)) == 1 and m.group(0) != "%" and k >= 0 and text[k].isalnum():
                continue  # "done ." is a space before punctuation, reported below
            yield Span(m.start(), m.end()), f"orphan punctuation {m.group(0)!r}", "", None
        for m in _DOUBLED.finditer(text):
            if m.group(0).startswith(".") and _after_abbreviation(text, m.start(), profile):
                continue  # "etc.," "Inc.;"
            yield Span(m.start(), m.end()), f"doubled punctuation {m.group(0)!r}", m.group(0)[-1], None
        if not profile.space_before_punct and not profile.cjk:
            for m in _SPACE_BEFORE.finditer(text):
                yield Span(m.start(), m.end()), f"space before {m.group(1)!r}", m.group(1), None
        for m in _DOUBLE_SPACE.finditer(text):
            yield Span(m.start(), m.end()), "several spaces in a row", " ", None
        for m in _STRAY_UNDERSCORE.finditer(text):
            yield Span(m.start(), m.end()), "stray underscore after a word", "", None
        yield from self._width(text, profile)

    @staticmethod
    def _end_parity(source: str, text: str, profile: LanguageProfile
                    ) -> Iterator[tuple[Span, str, str | None, str | None]]:
        """End punctuation of the target against the source's, by kind, whatever the width.

        ``。`` for ``.``, ``？`` for ``?``, ``：`` for ``:`` are the same kind (the
        width is the ``_width`` check's business). Reported: a question that is
        no longer one or becomes one, a source sentence end (. ? ! : …) with no
        end punctuation in the target, a colon turned into another end. Not
        reported: ! <-> . (languages differ in how often they exclaim), a full
        stop added to a source without one, sources ending in a comma.
        """
        s_kind, _ = _end_kind(source)
        t_kind, t_at = _end_kind(text)
        if s_kind == t_kind or s_kind in (None, "comma") and t_kind != "question":
            return
        if {s_kind, t_kind} <= {"stop", "exclamation", "ellipsis"}:
            return
        if t_kind is None:
            yield (Span(t_at, t_at + 1), f"source ends with {_END_NAMES[s_kind]}, the target has no end punctuation",
                   None, None)
            return
        want = _END_MARKS[s_kind][1 if profile.cjk else 0] if s_kind else ""
        yield (Span(t_at, t_at + 1), f"end punctuation differs: source ends with "
               f"{_END_NAMES.get(s_kind, 'no punctuation')}, target with {_END_NAMES[t_kind]}", want or None, None)

    @staticmethod
    def _unended(text: str, profile: LanguageProfile) -> Iterator[tuple[Span, str, str | None, str | None]]:
        """The last sentence of a plain-text paragraph whose earlier sentences ended in
        punctuation (the caller passes sentences 2, 3, … only; target only) that itself
        ends in a letter or digit: its full stop was lost (often glued onto the next
        sentence by the scraper or the MT). Only sentences of at least
        ``_UNENDED_MIN_WORDS`` words (``_UNENDED_MIN_CHARS`` characters in CJK) count:
        short ones are list items and captions. A one-sentence paragraph without end
        punctuation is a title, a headline or a chat line as often as an error (4.7 %
        of the WMT22 zh-en reference lines), so it is not checked; of sentences 2, 3, …
        in the same references, 0.1 % are flagged (joined lines of product lists)."""
        kind, at = _end_kind(text)
        if kind is not None or not text[at].isalnum():
            return
        if (len(text.strip()) if profile.cjk else len(text.split())) < (
                _UNENDED_MIN_CHARS if profile.cjk else _UNENDED_MIN_WORDS):
            return
        end = len(text.rstrip())
        start = at if profile.cjk else max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), -1) + 1
        stop = "。" if profile.cjk else "."
        # the span is the last word with any closing quote or bracket, so the stop goes after them
        yield (Span(start, end), "sentence ends without end punctuation (a lost full stop?)",
               text[start:end] + stop, None)

    @staticmethod
    def _curly_quotes(text: str) -> Iterator[tuple[Span, str, str | None, str | None]]:
        open_at: int | None = None
        for i, ch in enumerate(text):
            if ch == "“":
                if open_at is not None:
                    span, fix = _closing_fix(text, i)
                    yield span, "opening quote “ where the closing ” is due", fix, None
                    open_at = None
                else:
                    open_at = i
            elif ch == "”":
                if open_at is None:
                    yield Span(i, i + 1), "closing quote ” without an opening “", None, None
                else:
                    open_at = None
        if open_at is not None:
            yield Span(open_at, open_at + 1), "opening quote “ is never closed", None, None

    @staticmethod
    def _straight_quotes(text: str) -> Iterator[tuple[Span, str, str | None, str | None]]:
        marks = []
        for i, ch in enumerate(text):
            if ch != '"':
                continue
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if prev.isdigit() and not nxt.isalpha():
                continue  # inch mark: 27"
            marks.append(i)
        if len(marks) % 2 == 0:
            return
        # find the unpaired mark: openers follow space/start/opening punctuation
        stack: list[int] = []
        for i in marks:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            opener = (prev.isspace() or prev in "([{—–-:") and not nxt.isspace()
            if stack and not opener:
                stack.pop()
            elif opener or not stack:
                stack.append(i)
        for i in stack or marks[-1:]:
            yield Span(i, i + 1), 'straight quote " is never closed', None, None

    @staticmethod
    def _brackets(text: str) -> Iterator[tuple[Span, str, str | None, str | None]]:
        # the open brackets as two arrays (9 bytes each), not tuples (84): a 10 MB line of "(" stays small
        kinds, ats = bytearray(), array("q")
        for i, ch in enumerate(text):
            if ch in _OPEN:
                kinds.append(_OPEN_INDEX[ch])
                ats.append(i)
            elif ch in _CLOSE:
                prev = text[i - 1] if i else ""
                top = _OPEN_KEYS[kinds[-1]] if kinds else ""
                if kinds and _OPEN[top] == ch:
                    kinds.pop()
                    ats.pop()
                elif kinds and _WIDTH_TWIN.get(_OPEN[top]) == ch:
                    kinds.pop()
                    at = ats.pop()
                    yield Span(at, i + 1), f"bracket {top} closed by {ch} (mixed widths)", None, None
                elif not kinds:
                    # (windows, not text[:i]: a prefix copy per closer is quadratic on a long segment)
                    if (i >= 1 and prev in ":;=8") or regex.search(r"(?:^|\s)[\p{L}\p{N}]{1,2}$",
                                                                    text[max(0, i - 3):i]):
                        continue  # emoticon or list marker "1)", "a)"
                    if ch == ")" and _number_before(text, i):
                        continue
                    yield Span(i, i + 1), f"closing {ch} without an opening {_CLOSE[ch]}", None, None
                else:
                    kinds.pop()
                    at = ats.pop()
                    yield Span(at, i + 1), f"bracket {top} closed by {ch}", None, None
        for k, at in zip(kinds, ats):
            yield Span(at, at + 1), f"bracket {_OPEN_KEYS[k]} is never closed", None, None

    @staticmethod
    def _width(text: str, profile: LanguageProfile) -> Iterator[tuple[Span, str, str | None, str | None]]:
        cat = "Locale convention/Punctuation"
        n = len(text)
        if profile.cjk:
            for i, ch in enumerate(text):
                if ch not in _ASCII_TO_WIDE:
                    continue
                prev = text[i - 1] if i else ""
                nxt = text[i + 1] if i + 1 < n else ""
                if not prev or not _is_cjk_char(prev):
                    continue
                if ch == "." and nxt and not nxt.isspace() and not _is_cjk_char(nxt):
                    continue  # 2.1.0 / 5.99 / file.txt
                if nxt.isdigit() or (nxt.isascii() and nxt.isalpha()):
                    continue
                if ch == "." and nxt == ".":
                    continue  # ellipsis
                yield (Span(i, i + 1), f"ASCII {ch!r} in Chinese/Japanese text (expected {_ASCII_TO_WIDE[ch]})",
                       _ASCII_TO_WIDE[ch], cat)
        elif "Latin" in profile.scripts:
            runs = SpanSet(Span(a, b) for a, b, _ in foreign_script_runs(text, profile.scripts))
            for i, ch in enumerate(text):
                if ch in _WIDE_TO_ASCII and not runs.contains(i):
                    yield (Span(i, i + 1), f"full-width {ch!r} in {profile.name} text (expected {_WIDE_TO_ASCII[ch]!r})",
                           _WIDE_TO_ASCII[ch], cat)
