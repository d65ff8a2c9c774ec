"""Sentence splitting that keeps offsets into the original text.

Rules (no model): a sentence ends after terminal punctuation (``.!?…`` or the
full-width ``。！？``) plus any closing quotes or brackets, when

* Latin-script languages: whitespace follows and the next word starts with an
  upper-case letter, a digit, an opening quote/bracket or a non-Latin character,
  and the word before a full stop is not an abbreviation or an initial;
* CJK languages: immediately (no space is needed).

Terminal punctuation inside a matched quote, bracket or book-title pair
(``“…”``, ``(…)``, ``《…》``) does not end the sentence, and a quotation that
opens a sentence and ends in terminal punctuation is kept with the attribution
that follows it (``“行得通。”她说。``). Every non-space character of the input
belongs to exactly one sentence; spans never include leading or trailing
whitespace.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from typing import Iterable, Iterator

from .languages import LanguageProfile, get_profile
from .types import Segment, Span

_TERMINALS = ".!?…。！？‼⁇⁈⁉"
_CJK_TERMINALS = "。！？!?…"
_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "《": "》", "〈": "〉", "「": "」", "『": "』",
          "【": "】", "〔": "〕", "“": "”", "‘": "’", "«": "»"}
_CLOSERS = set(_PAIRS.values()) | {'"'}
_TRAILING = "".join(sorted(_CLOSERS)) + "’'"  # closers after a sentence's end punctuation
_MAX_PROTECT = 300  # characters: a pair farther apart than this is not trusted to protect
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
#: A list item's marker at the start of a line: 1. 2) (3) a) - * • (the item is its own paragraph).
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|[-*•·▪◦])\s")
#: A sentence that is only a list number (1. 12. iv.): the item's marker, not a sentence of its own.
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}|[ivxIVX]{1,4})")
_OPENER_OF = {v: k for k, v in _PAIRS.items() if k != "‘"}
_KIND = {c: k for k, c in enumerate(_PAIRS)}
_ONES = b"\x01" * _MAX_PROTECT
#: Characters before a full stop searched for the abbreviation it may end (they are short).
_ABBREVIATION_WINDOW = 40


def _protected(text: str) -> tuple[list[tuple[int, int]], bytearray]:
    """Matched pairs as (open, close) indices, and a mask: 1 at the indices strictly inside one.

    Linear in ``len(text)``: a closer finds its opener through per-kind stacks (not
    by scanning the whole stack), and each pair marks at most ``_MAX_PROTECT`` bytes.
    """
    pairs: list[tuple[int, int]] = []
    # the open brackets as arrays (9 bytes each, not 84 for a tuple): a 10 MB line of "(" stays small
    kinds, ats = bytearray(), array("q")
    by_kind: dict[int, array] = {}  # opener kind -> its positions in the stack, innermost last
    straight_open: int | None = None
    for i, ch in enumerate(text):
        if ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                if i - straight_open <= _MAX_PROTECT:
                    pairs.append((straight_open, i))
                straight_open = None
        elif ch in _PAIRS and ch != "‘":
            kind = _KIND[ch]
            where = by_kind.get(kind)
            if where is None:
                where = by_kind[kind] = array("q")
            where.append(len(kinds))
            kinds.append(kind)
            ats.append(i)
        elif ch in _CLOSERS and ch != "’":
            opener = _OPENER_OF.get(ch)
            where = by_kind.get(_KIND[opener]) if opener else None
            if where:
                k = where[-1]
                if i - ats[k] <= _MAX_PROTECT:
                    pairs.append((ats[k], i))
                while len(kinds) > k:  # the pair closes everything opened inside it
                    by_kind[kinds.pop()].pop()
                    ats.pop()
    inside = bytearray(len(text))
    for a, b in pairs:
        if b - a > 1:
            inside[a + 1:b] = _ONES[:b - a - 1]
    return pairs, inside


def _is_abbreviation(text: str, dot: int, profile: LanguageProfile) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - _ABBREVIATION_WINDOW), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    low = word.lower().rstrip(".")
    return low in profile.abbreviations


def sentence_spans(text: str, lang: str | None = "en") -> list[Span]:
    """Split ``text`` (one paragraph) into sentence spans, half-open, in order.

    Returns [] for empty or whitespace-only text. Spans are trimmed of whitespace
    and together cover every non-whitespace character exactly once.
    """
    profile = get_profile(lang)
    pairs, inside = _protected(text)
    opener_of = {b: a for a, b in pairs}
    n = len(text)
    cuts: list[int] = []
    sent_start = 0
    first_of = (-1, 0)
    i = 0
    while i < n:
        ch = text[i]
        if ch not in _TERMINALS:
            i += 1
            continue
        j = i
        while j < n and text[j] in _TERMINALS:
            j += 1
        run_end = j
        while j < n and (j in opener_of or (text[j] in _CLOSERS and text[j] != '"' and not inside[j])
                        or text[j] in "’'"):
            j += 1
        if inside[i] and (inside[j - 1] or not any(k in opener_of for k in range(run_end, j))):
            i = j  # terminal punctuation inside a quote/bracket that goes on: not a boundary
            continue
        # a quotation that opens the sentence keeps its attribution: “…。”她说。
        closed_quote = next((k for k in range(run_end, j) if k in opener_of), None)
        if closed_quote is not None:
            if first_of[0] != sent_start:  # the sentence's first non-space character, found once per sentence
                first = sent_start
                while first < n and text[first].isspace():
                    first += 1
                first_of = (sent_start, first)
            first = first_of[1]
            if opener_of[closed_quote] == first and j < n and not text[j].isspace():
                i = j
                continue
        cjk_end = text[i] in _CJK_TERMINALS and (profile.cjk or text[i] in "。！？")
        if cjk_end and (profile.cjk or text[i] in "。！？"):
            cut = j
        else:
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k == j or k >= n:
                i = max(j, i + 1)
                continue
            nxt = text[k]
            ok_next = nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([{（《「【" or (
                nxt.isalpha() and not nxt.isascii() and not nxt.islower())
            if not ok_next:
                i = j
                continue
            if text[i] == "." and run_end - i == 1 and _LIST_NUMBER.fullmatch(text, sent_start, i):
                i = j  # "1. Check the level": the marker of a numbered item
                continue
            if text[i] == "." and run_end - i == 1 and _is_abbreviation(text, i, profile):
                if not (text[i - 2:i + 1].lower() == "no." and not nxt.isdigit()):
                    i = j
                    continue
            cut = j
        if cut < n:
            cuts.append(cut)
        sent_start = cut
        i = max(cut, i + 1)
    spans: list[Span] = []
    start = 0
    for cut in cuts + [n]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append(Span(a, b))
        start = cut
    return spans


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

#: A hard-wrapped paragraph takes in no more lines once it is this long (characters):
#: a file of endless unpunctuated lines is then still read in bounded memory.
MAX_PARAGRAPH = 100_000


def raw_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their line breaks (``\\r\\n``, ``\\r`` or ``\\n``), in order.

    The same lines a file opened with ``newline=""`` yields, so that a document
    split from a string and one streamed from disk get the same segments.
    """
    pos, n = 0, len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        assert m is not None and m.end() > pos  # each match takes at least one character
        yield m.group(0)
        pos = m.end()


def _looks_like_heading(line: str, profile: LanguageProfile) -> bool:
    s = line.strip()
    if not s:
        return False
    words = s.split()
    end = s.rstrip(_TRAILING)  # “… for the year.” ends with its full stop
    return bool(end) and end[-1] not in _TERMINALS + ",;:" and (len(words) <= 15 if not profile.cjk else len(s) <= 30)


def split_document(text: str, lang: str | None = "en", doc_id: str = "doc", join_wrapped: bool = True) -> list[Segment]:
    """Split a plain-text document into target segments with document offsets.

    Each non-blank line is a paragraph, except that hard-wrapped lines are joined:
    a line without terminal punctuation that is 60+ characters long, or 30+ and
    followed by a line starting in lower case, continues on the next line (up to
    ``MAX_PARAGRAPH`` characters), unless the next line starts with a list marker
    (``1.``, ``2)``, ``(3)``, ``a)``, ``-``, ``•``). Paragraphs are split into sentences;
    a numbered item's marker (``1. Check``) stays with its item. A one-sentence
    paragraph without terminal punctuation and at most 15 words is a ``heading``.
    Segment ids are ``{doc_id}:{paragraph}.{sentence}``, 1-based, stable. Line
    breaks are ``\\n``, ``\\r\\n`` or ``\\r``; offsets count them as they are.
    With ``join_wrapped=False`` every non-blank line is its own paragraph
    (bilingual documents, where lines are the units both sides share).
    """
    return list(iter_segments(raw_lines(text), lang, doc_id, join_wrapped=join_wrapped))


def iter_segments(lines: Iterable[str], lang: str | None = "en", doc_id: str = "doc",
                  src_lang: str | None = None, join_wrapped: bool = True) -> Iterator[Segment]:
    """:func:`split_document` over a stream of lines (each with its line break, as
    :func:`raw_lines` or a file opened with ``newline=""`` gives them).

    Holds one paragraph at a time, so memory stays bounded on long documents.
    """
    profile = get_profile(lang)
    p_no = 0
    pos = 0  # document offset of the current line
    pieces: list[str] = []  # the open paragraph: line, break, line, ...
    para_start = para_line = para_len = 0
    line_starts: list[int] = []  # offset of each of its lines within the paragraph
    last_body = last_break = ""
    for line_no, raw in enumerate(lines, start=1):
        body = raw.rstrip("\r\n")
        if not body.strip():
            if pieces:
                p_no += 1
                yield from _paragraph(pieces, para_start, para_line, line_starts, p_no, profile, lang, doc_id,
                                      src_lang)
                pieces = []
            pos += len(raw)
            continue
        cur = last_body.rstrip()
        if pieces and join_wrapped and para_len < MAX_PARAGRAPH and cur[-1] not in _TERMINALS + ":" and (
                len(cur) >= 60 or (len(cur) >= 30 and body.lstrip()[:1].islower())) and not _LIST_MARKER.match(body):
            line_starts.append(para_len + len(last_break))
            pieces += [last_break, body]
            para_len += len(last_break) + len(body)
        else:
            if pieces:
                p_no += 1
                yield from _paragraph(pieces, para_start, para_line, line_starts, p_no, profile, lang, doc_id,
                                      src_lang)
            pieces, para_start, para_line, para_len, line_starts = [body], pos, line_no, len(body), [0]
        last_body, last_break = body, raw[len(body):]
        pos += len(raw)
    if pieces:
        yield from _paragraph(pieces, para_start, para_line, line_starts, p_no + 1, profile, lang, doc_id,
                              src_lang)


def sentence_number(segment: Segment) -> int | None:
    """1-based number of ``segment`` within its paragraph, for segments :func:`split_document`
    made (``kind`` "sentence" or "heading", ids ``{doc_id}:{paragraph}.{sentence}``); None for
    any other segment (pre-segmented inputs keep their own ids)."""
    if segment.kind == "segment":
        return None
    tail = segment.seg_id.rpartition(".")[2]
    return int(tail) if tail.isdigit() else None


def _paragraph(pieces: list[str], start: int, first_line: int, line_starts: list[int], p_no: int,
               profile: LanguageProfile, lang: str | None, doc_id: str, src_lang: str | None) -> Iterator[Segment]:
    para = "".join(pieces)
    spans = sentence_spans(para, lang)
    single = len(spans) == 1
    for s_no, sp in enumerate(spans, start=1):
        seg_text = para[sp.start:sp.end]
        kind = "heading" if single and _looks_like_heading(seg_text, profile) else "sentence"
        yield Segment(seg_id=f"{doc_id}:{p_no}.{s_no}", target=seg_text, src_lang=src_lang, tgt_lang=profile.code,
                      doc_id=doc_id, offset=sp.shift(start), kind=kind,
                      line=first_line + bisect_right(line_starts, sp.start) - 1)
