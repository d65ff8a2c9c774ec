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
from typing import Iterator

from .languages import LanguageProfile, get_profile
from .types import Segment, Span

_TERMINALS = ".!?…。！？‼⁇⁈⁉"
_CJK_TERMINALS = "。！？!?…"
_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "《": "》", "〈": "〉", "「": "」", "『": "』",
          "【": "】", "〔": "〕", "“": "”", "‘": "’", "«": "»"}
_CLOSERS = set(_PAIRS.values()) | {'"'}
_MAX_PROTECT = 300  # characters: a pair farther apart than this is not trusted to protect
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _protected(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Matched pairs as (open, close) indices, and the set of indices strictly inside one."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
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
            stack.append((ch, i))
        elif ch in _CLOSERS and ch != "’":
            for k in range(len(stack) - 1, -1, -1):
                if _PAIRS[stack[k][0]] == ch:
                    if i - stack[k][1] <= _MAX_PROTECT:
                        pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    inside: set[int] = set()
    for a, b in pairs:
        inside.update(range(a + 1, b))
    return pairs, inside


def _is_abbreviation(text: str, dot: int, profile: LanguageProfile) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot + 1)
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
        while j < n and (j in opener_of or (text[j] in _CLOSERS and text[j] != '"' and j not in inside)
                        or text[j] in "’'"):
            j += 1
        if i in inside and (j - 1 in inside or not any(k in opener_of for k in range(run_end, j))):
            i = j  # terminal punctuation inside a quote/bracket that goes on: not a boundary
            continue
        # a quotation that opens the sentence keeps its attribution: “…。”她说。
        closed_quote = next((k for k in range(run_end, j) if k in opener_of), None)
        if closed_quote is not None:
            first = sent_start
            while first < n and text[first].isspace():
                first += 1
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


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(line_no, start, end) of each line's content, end excluding the line break."""
    pos, line_no = 0, 1
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        assert m is not None
        body = m.group(0).rstrip("\r\n")
        yield line_no, pos, pos + len(body)
        if m.end() == pos:  # pragma: no cover - defensive
            break
        pos = m.end()
        line_no += 1


def _looks_like_heading(line: str, profile: LanguageProfile) -> bool:
    s = line.strip()
    if not s:
        return False
    words = s.split()
    return s[-1] not in _TERMINALS + ",;:" and (len(words) <= 15 if not profile.cjk else len(s) <= 30)


def split_document(text: str, lang: str | None = "en", doc_id: str = "doc", join_wrapped: bool = True) -> list[Segment]:
    """Split a plain-text document into target segments with document offsets.

    Each non-blank line is a paragraph, except that hard-wrapped lines are joined:
    a line without terminal punctuation that is 60+ characters long, or 30+ and
    followed by a line starting in lower case, continues on the next line.
    Paragraphs are split into sentences. A one-sentence paragraph
    without terminal punctuation and at most 15 words is a ``heading``.
    Segment ids are ``{doc_id}:{paragraph}.{sentence}``, 1-based, stable.
    With ``join_wrapped=False`` every non-blank line is its own paragraph
    (bilingual documents, where lines are the units both sides share).
    """
    profile = get_profile(lang)
    lines = [(no, a, b) for no, a, b in _lines(text) if text[a:b].strip()]
    # group hard-wrapped lines
    paragraphs: list[tuple[int, int, int]] = []
    k = 0
    while k < len(lines):
        no, a, b = lines[k]
        end = b
        while join_wrapped and k + 1 < len(lines) and lines[k + 1][0] == lines[k][0] + 1:
            cur = text[lines[k][1]:lines[k][2]].rstrip()
            nxt = text[lines[k + 1][1]:lines[k + 1][2]].lstrip()
            if cur[-1] not in _TERMINALS + ":" and (len(cur) >= 60 or (len(cur) >= 30 and nxt[:1].islower())):
                k += 1
                end = lines[k][2]
            else:
                break
        paragraphs.append((no, a, end))
        k += 1
    segments: list[Segment] = []
    for p_no, (line_no, a, b) in enumerate(paragraphs, start=1):
        para = text[a:b]
        spans = sentence_spans(para, lang)
        single = len(spans) == 1
        for s_no, sp in enumerate(spans, start=1):
            seg_text = para[sp.start:sp.end]
            kind = "heading" if single and _looks_like_heading(seg_text, profile) else "sentence"
            segments.append(Segment(
                seg_id=f"{doc_id}:{p_no}.{s_no}", target=seg_text, tgt_lang=profile.code, doc_id=doc_id,
                offset=sp.shift(a), kind=kind, line=line_no + para.count("\n", 0, sp.start)))
    return segments
