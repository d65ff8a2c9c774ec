"""Placeholders, tags, URLs and e-mail addresses that must survive translation intact and in balance."""
from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..spans import Claims
from ..types import Issue, Segment, Span
from .base import Detector

#: (kind, pattern) in priority order; an earlier kind wins an overlap.
#: printf follows C/POSIX printf (positional ``%1$s``) and Python ``%(name)s``;
#: ``%%`` is a literal percent sign and is masked first; a ``%`` right after a
#: digit is a percent sign (``50% of``), and the space flag is not accepted
#: (``% of`` in prose).
PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("url", regex.compile(r"(?<![A-Za-z0-9.])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
                          r"(?<![.,;:!?)\]'])")),
    ("email", regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
                            r"(?![A-Za-z0-9-])")),
    ("tag", regex.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")),
    ("fluent", regex.compile(r"\{\s*\$[A-Za-z][\w-]*\s*\}")),
    ("brace", regex.compile(r"\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{[\w.]+(?:\s*,[^{}\n]*)?\}")),
    ("printf", regex.compile(r"(?<![\d%])%(?:\d+\$|\([A-Za-z_]\w*\))?[-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                             r"(?:hh|h|ll|l|L|z|j|t|q)?[diouxXeEfFgGaAcspn@]")),
    ("code", regex.compile(r"`[^`\n]+`")),
)
#: Missing source placeholders searched for in a broken form (each search scans the whole target).
MAX_FUZZY = 100
#: Kinds whose loss breaks the software that fills them in (a formatting error): critical.
VARIABLES = frozenset({"fluent", "brace", "printf"})
#: Look-alikes MT substitutes for placeholder characters (ARABIC PERCENT SIGN, full-width forms).
LOOKALIKES = {"%": "%٪％﹪", "{": "{｛", "}": "}｝", "$": "$＄﹩", "<": "<＜", ">": ">＞", "(": "(（", ")": ")）",
              "/": "/／", "#": "#＃", "@": "@＠"}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder found in a text: ``kind`` (see PATTERNS), ``text`` as written, ``key`` normalised."""

    kind: str
    span: Span
    text: str
    key: str


def _key(kind: str, text: str) -> str:
    if kind in ("fluent", "brace"):
        return regex.sub(r"\s+", "", text)
    if kind == "tag":
        t = regex.sub(r"\s+", " ", text)
        return regex.sub(r"^(</?)([A-Za-z][\w:.-]*)", lambda m: m.group(1) + m.group(2).lower(), t)
    if kind in ("url", "email"):
        m = regex.match(r"(?i)((?:[a-z]+://)?[^/]*)(.*)", text)
        return (m.group(1).lower() + m.group(2)) if m else text
    return text


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders, tags, URLs, e-mails and code spans in ``text``, by position; ``%%`` is not one."""
    masked = text.replace("%%", "\0\0")
    found: list[Placeholder] = []
    taken = Claims(len(text))  # a mask, not a list scanned per match: linear on long texts
    for kind, pat in PATTERNS:
        for m in pat.finditer(masked):
            sp = Span(m.start(), m.end())
            if not taken.claim(sp):
                continue
            found.append(Placeholder(kind, sp, text[sp.start:sp.end], _key(kind, text[sp.start:sp.end])))
    return sorted(found, key=lambda p: p.span.start)


def _fuzzy(token: str) -> regex.Pattern[str]:
    """A pattern for ``token`` with spaces inserted anywhere and look-alike characters (``% 1 $ s``, ``٪1$d``)."""
    parts = []
    for ch in token:
        if ch.isspace():
            continue
        alts = LOOKALIKES.get(ch, ch)
        parts.append("[" + "".join(regex.escape(a) for a in alts) + "]")
    return regex.compile(r"\s*".join(parts), regex.IGNORECASE)


class Placeholders(Detector):
    """Placeholders: variables, inline tags, URLs and e-mails of the source kept intact and in balance in the target.

    Compares the multiset of placeholders of source and target (order is free,
    so positional ``%2$s … %1$s`` may be reordered): printf ``%s %d %1$s``,
    Python ``%(name)s``, ``{0}``/``{name}``/``{{name}}``/``${name}``, Fluent
    ``{ $var }``, XML/HTML tags and XLIFF/TMX inline codes (``<b>``, ``</b>``,
    ``<x id="1"/>``), URLs, e-mail addresses and `code` spans. ``%%`` is a
    literal percent sign.

    * A source placeholder found in the target only with spaces inserted or a
      look-alike character (``% 1 $ s``, ``{$ done}``, ``٪1$d``): broken,
      Design/Markup, span on the broken form.
    * A missing source placeholder and an extra target one of the same kind
      (``%(title)s`` -> ``%(titolo)s``): changed, Design/Markup on the target one.
    * Missing with no trace: Accuracy/Omission on the source placeholder.
    * Extra in the target: Accuracy/Addition.

    ``critical`` for variables (formatting fails or drops data), ``major`` for
    tags, URLs, e-mails and code.
    """

    name = "placeholders"
    category = "Design/Markup"
    severity = "critical"
    needs_source = True

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        src, tgt = segment.source or "", segment.target
        if not src.strip() or not tgt.strip():
            return
        s_ph = find_placeholders(src)
        t_ph = find_placeholders(tgt)
        if not s_ph and not t_ph:
            return
        t_keys = Counter(p.key for p in t_ph)
        missing: list[Placeholder] = []
        for p in s_ph:
            if t_keys[p.key] > 0:
                t_keys[p.key] -= 1
            else:
                missing.append(p)
        s_keys = Counter(p.key for p in s_ph)
        extra: list[Placeholder] = []
        for p in t_ph:
            if s_keys[p.key] > 0:
                s_keys[p.key] -= 1
            else:
                extra.append(p)
        used = Claims(len(tgt))
        extra_ids = {id(e) for e in extra}
        for p in t_ph:
            if id(p) not in extra_ids:
                used.claim(p.span)
        still_missing: list[Placeholder] = []
        for n, p in enumerate(missing):  # broken: spaces inserted, look-alike characters
            hit = None
            # each search scans the whole target: past MAX_FUZZY missing placeholders (a hostile or
            # garbled segment) the rest are reported missing without one, which keeps this linear
            for m in (_fuzzy(p.text).finditer(tgt) if n < MAX_FUZZY else ()):
                sp = Span(m.start(), m.end())
                if not used.overlaps(sp.start, sp.end) and m.group(0) != p.text:
                    hit = sp
                    break
            if hit is None:
                still_missing.append(p)
                continue
            used.claim(hit)
            extra = [e for e in extra if not e.span.overlaps(hit)]
            yield self.issue(segment, f"{self._what(p)} {p.text!r} is broken in the target: "
                             f"{tgt[hit.start:hit.end]!r}", hit, severity=self._severity(p), suggestion=p.text)
        by_kind: dict[str, deque[Placeholder]] = {}
        for e in extra:
            by_kind.setdefault(e.kind, deque()).append(e)
        changed: set[int] = set()
        unmatched: list[Placeholder] = []
        for p in still_missing:  # changed: same kind, different name (first extra of the kind, in order)
            pool = by_kind.get(p.kind)
            if not pool:
                unmatched.append(p)
                continue
            same = pool.popleft()
            changed.add(id(same))
            yield self.issue(segment, f"{self._what(p)} {p.text!r} was changed to {same.text!r}", same.span,
                             severity=self._severity(p), suggestion=p.text)
        still_missing = unmatched
        extra = [e for e in extra if id(e) not in changed]
        for p in still_missing:
            yield self.issue(segment, f"{self._what(p)} {p.text!r} is missing from the target", p.span,
                             side="source", category="Accuracy/Omission", severity=self._severity(p))
        for e in extra:
            yield self.issue(segment, f"{self._what(e)} {e.text!r} is not in the source", e.span,
                             category="Accuracy/Addition", severity=self._severity(e), suggestion="")

    @staticmethod
    def _severity(p: Placeholder) -> str:
        return "critical" if p.kind in VARIABLES else "major"

    @staticmethod
    def _what(p: Placeholder) -> str:
        return {"url": "URL", "email": "e-mail address", "tag": "tag", "code": "code"}.get(p.kind, "placeholder")
