"""Untranslated source text: source-script runs in the target, copied segments."""
from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable, Iterator

import regex

from ..languages import LanguageProfile, base_code, get_profile
from ..spans import IntervalClaims, SpanSet
from ..text import foreign_script_runs, next_nonspace, prev_nonspace, protected_spans
from ..types import Issue, Segment, Span
from .base import Detector

_WORDS = regex.compile(r"\p{L}+")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


#: Similarity (difflib ratio of letters and digits, case-folded) above which a target is a near-copy.
NEAR_COPY = 0.9
#: Words in a row shared with a same-script source that count as copied text.
COPIED_RUN = 5
#: difflib compares whole sides up to this many items (characters, words); longer sides are compared
#: block by block at matching relative positions, which keeps the cost linear (difflib is quadratic
#: on long dissimilar inputs: two 20,000-character texts took over 30 s).
WHOLE_COMPARE = 2000
_BLOCK, _MARGIN = 1000, 200


def _blocks(n_a: int, n_b: int) -> Iterator[tuple[int, int, int, int]]:
    """(a_start, a_end, b_start, b_end): each block of ``a`` with the stretch of ``b`` at the same relative place."""
    if max(n_a, n_b) <= WHOLE_COMPARE:
        yield 0, n_a, 0, n_b
        return
    for a in range(0, n_a, _BLOCK):
        b = round(a * n_b / max(1, n_a))
        yield a, min(n_a, a + _BLOCK), max(0, b - _MARGIN), min(n_b, b + _BLOCK + _MARGIN)


def _similarity(s: str, t: str) -> float:
    """difflib's ratio 2M/(|s|+|t|), M summed over matching blocks of aligned stretches for long texts."""
    if not s and not t:
        return 1.0
    matched = 0
    for a0, a1, b0, b1 in _blocks(len(s), len(t)):
        sm = difflib.SequenceMatcher(None, s[a0:a1], t[b0:b1], autojunk=False)
        matched += sum(b.size for b in sm.get_matching_blocks())
    return 2 * matched / (len(s) + len(t))


def _core(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def _mask_protected(text: str) -> str:
    """``text`` with URLs, tags and placeholders blanked out, offsets unchanged."""
    out = list(text)
    for sp in protected_spans(text):
        out[sp.start:sp.end] = " " * (sp.end - sp.start)
    return "".join(out)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _strip_protected(text: str) -> str:
    """``text`` with each run of URLs, e-mails, tags and placeholders replaced by one space."""
    pieces, pos = [], 0
    for a, b in SpanSet(protected_spans(text)):
        pieces += [text[pos:a], " "]
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


class Untranslated(Detector):
    """Untranslated text: source-script runs left in the target, or a target that copies its source.

    * Script runs (exact Unicode script property, not a guess): letters of a
      script the target language does not use — Han characters in English, say —
      are flagged with their span; ``major``, or ``critical`` when they make up at
      least 80% of the segment's letters. With a known source language only runs
      in the source's scripts are reported here (other scripts go to
      ``wrong_language``). Latin runs inside CJK targets are left alone unless
      they hold two or more lower-case words (brand names such as iOS are normal).
    * A run kept in parentheses right after its translation (a gloss,
      ``Spring Festival (春节)``) or quoted from the source is ``neutral``.
    * Copy: a target equal to its source (NFKC, case-folded, whitespace-collapsed)
      is ``critical`` when the source holds source-script letters foreign to the
      target, or three or more words; URLs, codes and one- or two-word terms
      (``WiFi``, ``XR-200``, ``OK``) are identical by design and not flagged.
    * Near-copy: the letters and digits of target and source agree to 90% or
      more (difflib ratio, 15+ characters; a copy with a word or punctuation
      changed) — ``critical`` under the same conditions.
    * Copied run: when source and target languages differ but share a script
      (en -> de), 5+ words in a row taken over from the source with at least
      three lower-case words of 3+ letters (names and titles are kept on
      purpose) — ``major``.
    """

    name = "untranslated"
    category = "Accuracy/Untranslated text"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        tgt = segment.target
        if not tgt.strip():
            return
        src_profile = get_profile(segment.src_lang) if segment.src_lang else None
        if segment.source is not None and self._is_copy(segment.source, tgt, profile):
            a = len(tgt) - len(tgt.lstrip())
            b = len(tgt.rstrip())
            yield self.issue(segment, "target is a copy of the source (not translated)", Span(a, b),
                             severity="critical")
            return
        if segment.source is not None and self._is_near_copy(segment.source, tgt, profile):
            a = len(tgt) - len(tgt.lstrip())
            b = len(tgt.rstrip())
            yield self.issue(segment, "target is nearly a copy of the source (left untranslated)", Span(a, b),
                             severity="critical")
            return
        if segment.source is not None:
            yield from self._copied_runs(segment, profile)
        total = _letters(tgt)
        runs = foreign_script_runs(_mask_protected(tgt), profile.scripts)  # tags, URLs, placeholders are not text
        for start, end, script in runs:
            if src_profile is not None and script not in src_profile.scripts and not (
                    script == "Han" and src_profile.cjk):
                continue  # a script that is not the source's: wrong_language reports it
            text = tgt[start:end]
            if script == "Latin" and profile.cjk:
                lower_words = [w for w in _WORDS.findall(text) if w.islower() and len(w) > 1]
                if len(lower_words) < 2:
                    continue
            if script == "Latin" and _letters(text) < 2 and not profile.scripts & {"Latin"}:
                continue  # a lone Latin letter in a non-Latin target is a symbol or a code (A4, %1$d)
            if script == "Greek" and _letters(text) == 1:
                continue  # a lone Greek letter is a symbol (μ, α)
            if self._is_gloss(tgt, start, end) or self._is_quoted_from_source(tgt, start, end, segment.source):
                # a gloss is a style choice, not untranslated text: a neutral Style note
                yield self.issue(segment, f"original {script} text kept beside the translation: {text!r}",
                                 Span(start, end), category="Style/Awkward", severity="neutral")
                continue
            share = _letters(text) / total if total else 1.0
            sev = "critical" if share >= 0.8 else "major"
            yield self.issue(segment, f"untranslated {script} text: {text!r}", Span(start, end), severity=sev)

    @staticmethod
    def _is_copy(source: str, target: str, profile: LanguageProfile) -> bool:
        s, t = _norm(source), _norm(target)
        if not s or s != t:
            return False
        core = _strip_protected(source)
        if foreign_script_runs(core, profile.scripts):
            return True
        words = [w for w in _WORDS.findall(core) if len(w) > 1]
        return len(words) >= 3

    @staticmethod
    def _is_near_copy(source: str, target: str, profile: LanguageProfile) -> bool:
        """Letters and digits of the two sides agree but for a few characters (>= 90%, 15+ characters)."""
        s, t = _core(source), _core(target)
        weight = sum(3 if unicodedata.east_asian_width(ch) == "W" else 1 for ch in s)  # a CJK character ~ 3
        if weight < 15 or min(len(s), len(t)) < 0.8 * max(len(s), len(t)):
            return False
        if _similarity(s, t) < NEAR_COPY:
            return False
        core = _strip_protected(source)
        words = [w for w in _WORDS.findall(core) if len(w) > 1]
        return bool(foreign_script_runs(core, profile.scripts)) or len(words) >= 3

    def _copied_runs(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        """Runs of 5+ source words left as they are in a target of another language written in the same script."""
        sl, tl = segment.src_lang, segment.tgt_lang
        if not sl or not tl or base_code(sl) == base_code(tl):
            return
        if get_profile(sl).scripts != profile.scripts:
            return  # different scripts: the script-run check above sees untranslated text exactly
        src_words = [(m.group(0).casefold(), m.group(0)) for m in _WORDS.finditer(_mask_protected(segment.source))]
        tgt_matches = list(_WORDS.finditer(_mask_protected(segment.target)))
        tgt_words = [m.group(0).casefold() for m in tgt_matches]
        src_keys = [w for w, _ in src_words]
        seen = IntervalClaims()  # long sides: target stretches overlap, a run is reported once
        for a0, a1, b0, b1 in _blocks(len(src_keys), len(tgt_words)):
            sm = difflib.SequenceMatcher(None, src_keys[a0:a1], tgt_words[b0:b1], autojunk=False)
            for block in sm.get_matching_blocks():
                if block.size < COPIED_RUN:
                    continue
                run = tgt_matches[b0 + block.b:b0 + block.b + block.size]
                plain = [m.group(0) for m in run if m.group(0).islower() and len(m.group(0)) >= 3]
                if len(plain) < 3:
                    continue  # names and titles (capitalised words) are kept on purpose
                span = Span(run[0].start(), run[-1].end())
                if not seen.claim(span):
                    continue
                yield self.issue(segment, f"source text copied untranslated: "
                                 f"{segment.target[span.start:span.end]!r}", span)

    @staticmethod
    def _is_gloss(text: str, start: int, end: int) -> bool:
        k, j = prev_nonspace(text, start), next_nonspace(text, end)
        if k < 0 or text[k] not in "(（" or j >= len(text) or text[j] not in ")）":
            return False
        h = prev_nonspace(text, k)
        return h >= 0 and text[h].isalpha() and text[h].isascii()

    @staticmethod
    def _is_quoted_from_source(text: str, start: int, end: int, source: str | None) -> bool:
        if source is None:
            return False
        k, j = prev_nonspace(text, start), next_nonspace(text, end)
        quoted = k >= 0 and text[k] in "\"“‘'«「『" and j < len(text) and text[j] in "\"”’'»」』"
        return quoted and text[start:end].strip() in source
