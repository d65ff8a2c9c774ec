"""Put mtqa's findings into XLIFF 1.2 / 2.x trees as W3C ITS 2.0 annotations (lxml).

Used by the XLIFF writers (fresh documents) and by :func:`annotate_xliff` (an existing XLIFF file
with annotations added and nothing else changed).

What is written, per segment (specifications: XLIFF 1.2, OASIS 2008; XLIFF 2.1, OASIS 2018, ITS
module; ITS 2.0, W3C 2013, §8.15 Localization Quality Issue and §8.17 MT Confidence; the
"XLIFF 1.2 Mapping" of the W3C ITS Interest Group):

* each issue with a span: an ``<mrk>`` around the span carrying ``its:locQualityIssueType``
  (:func:`mtqa.report.its.issue_type`), ``its:locQualityIssueComment`` and
  ``its:locQualityIssueSeverity`` (0-100). XLIFF 1.2 writes ``<mrk mtype="x-its">``; 2.x writes
  ``<mrk id="...">`` (``type`` omitted: the ITS module allows only ``its:generic`` or nothing).
  Issues on the same span nest. A span that crosses inline-code boundaries is cut into several
  ``<mrk>`` that share one stand-off ``<its:locQualityIssues>`` record (1.2), or marked with a
  ``<sm/>``...``<em/>`` pair (2.x), so the output stays well-formed and the issue is counted once;
* issues without a span (whole segment): an ``<mrk>`` around the whole content; one issue is
  written locally, several go to a stand-off ``<its:locQualityIssues>`` referenced by
  ``its:locQualityIssuesRef`` (``#id`` in 1.2, ``#its=id`` in 2.x);
* a QE result: ``its:mtConfidence`` = ``QEResult.quality`` with ``its:annotatorsRef``
  (``mt-confidence|mtqa:qe:<model>``), on the 1.2 ``<target>`` (or its ``<mrk mtype="seg">``)
  and on a whole-content ``<mrk>`` in 2.x (2.x ``<target>`` takes no foreign attributes);
* a unit-level ``<note>`` (``from="mtqa"`` / ``category="mtqa"``) with the routing band, priority,
  MQM penalty and the issues in words, for tools that do not read ITS.

Offsets. A report's spans index the segment text that the XLIFF reader built from the
``<source>``/``<target>`` content: the text of text nodes, ``<g>``/``<mrk>`` (1.2) and
``<pc>``/``<mrk>`` (2.x) included, ``<cp hex>`` as its one character, inline codes (``<x/>``,
``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, 2.x ``<ph/>``, ``<sc/>``, ``<ec/>``,
``<sm/>``, ``<em/>``), comments, processing instructions and unresolved entities contributing
nothing (:func:`inline_text`). When the report's text differs from that text, it is matched
again after collapsing XML whitespace; failing that, span issues are attached to the whole
segment (the flagged characters quoted in the comment) rather than placed on wrong characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from lxml import etree

from ..queue import BAND_LABELS, DEFAULT_QUEUE, QueueConfig, band
from ..types import Issue, SegmentReport, severity_rank
from .its import ITS_NS, ITS_VERSION, annotators_ref, format_decimal, issue_comment, issue_type, its_severity

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1_NAMESPACES = ("urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1",
                     "urn:oasis:names:tc:xliff:document:1.0", "")
XML_NS = "http://www.w3.org/XML/1998/namespace"

etree.register_namespace("its", ITS_NS)  # new ITS declarations use the prefix "its", not "ns0"


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and touches no network; keeps
    comments, processing instructions and CDATA so that a rewritten file differs only where edited."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False, remove_comments=False, remove_pis=False,
                           strip_cdata=False)


@dataclass(frozen=True)
class Dialect:
    """XLIFF major version and namespace; which inline elements hold text."""

    version: int  # 1 or 2
    ns: str
    code_text: bool = False  # count the content of native-code elements (<ph>, <bpt>, ...) as text

    def with_code_text(self) -> "Dialect":
        """The same dialect with native-code content counted as text (translate-toolkit's flattening)."""
        return replace(self, code_text=True)

    def q(self, local: str) -> str:
        """Qualified tag name in this dialect's namespace."""
        return f"{{{self.ns}}}{local}" if self.ns else local

    @property
    def containers(self) -> frozenset[str]:
        """Inline elements whose content is segment text."""
        return frozenset({"g", "mrk"} if self.version == 1 else {"pc", "mrk"})

    def kind(self, node: Any) -> str:
        """"text" (holds text), "cp" (one character) or "code" (contributes no text)."""
        if not isinstance(node.tag, str):
            return "code"  # comment, processing instruction, entity reference
        qn = etree.QName(node)
        if (qn.namespace or "") != self.ns:
            return "code"
        if qn.localname in self.containers:
            return "text"
        if self.version == 2 and qn.localname == "cp":
            return "cp"
        return "code"


DIALECT_12 = Dialect(1, XLIFF12_NS)
DIALECT_2 = Dialect(2, XLIFF2_NS)


def dialect_of(root: etree._Element) -> Dialect | None:
    """The dialect of an ``<xliff>`` root element, or None when it is not XLIFF 1.x or 2.0/2.1."""
    qn = etree.QName(root)
    if qn.localname != "xliff":
        return None
    ns = qn.namespace or ""
    if ns in XLIFF1_NAMESPACES:
        return Dialect(1, ns)
    if ns == XLIFF2_NS:
        return Dialect(2, ns)
    return None


# --------------------------------------------------------------------------- inline text and offsets

def _code_text(node: Any, d: Dialect) -> str:
    if d.code_text and isinstance(node.tag, str):
        return "".join(node.itertext())
    return ""


def _length(node: Any, d: Dialect) -> int:
    k = d.kind(node)
    if k == "code":
        return len(_code_text(node, d))
    if k == "cp":
        return 1
    n = len(node.text or "")
    for ch in node:
        n += _length(ch, d) + len(ch.tail or "")
    return n


def _cp_char(node: Any) -> str:
    try:
        return chr(int(node.get("hex", ""), 16))
    except (ValueError, OverflowError):
        return "\ufffd"


def inline_text(el: etree._Element, d: Dialect) -> str:
    """The segment text of a ``<source>``/``<target>``/``<mrk>`` element (module docstring, "Offsets")."""
    out = [el.text or ""]
    for ch in el:
        k = d.kind(ch)
        if k == "text":
            out.append(inline_text(ch, d))
        elif k == "cp":
            out.append(_cp_char(ch))
        else:
            out.append(_code_text(ch, d))
        out.append(ch.tail or "")
    return "".join(out)


def _tokens(parent: etree._Element) -> list[Any]:
    toks: list[Any] = []
    if parent.text:
        toks.append(parent.text)
    for ch in parent:
        toks.append(ch)
        if ch.tail:
            toks.append(ch.tail)
    return toks


def _rebuild(parent: etree._Element, toks: list[Any]) -> None:
    for ch in list(parent):
        ch.tail = None
        parent.remove(ch)
    parent.text = None
    last = None
    for t in toks:
        if isinstance(t, str):
            if not t:
                continue
            if last is None:
                parent.text = (parent.text or "") + t
            else:
                last.tail = (last.tail or "") + t
        else:
            t.tail = None
            parent.append(t)
            last = t


def _children_extents(parent: etree._Element, d: Dialect) -> Iterable[tuple[Any, int, int]]:
    pos = len(parent.text or "")
    for ch in parent:
        n = _length(ch, d)
        yield ch, pos, pos + n
        pos += n + len(ch.tail or "")


def _plan(parent: etree._Element, s: int, e: int, d: Dialect) -> list[tuple[etree._Element, int, int]]:
    """Pieces ``(element, start, end)`` that together wrap ``[s, e)`` (s < e) with well-formed markup."""
    for ch, a, b in _children_extents(parent, d):
        if d.kind(ch) == "text" and a <= s and e <= b and (a, b) != (s, e):
            return _plan(ch, s - a, e - a, d)
    left: list = []
    right: list = []
    ms, me = s, e
    for ch, a, b in _children_extents(parent, d):
        if d.kind(ch) != "text":
            continue
        if a < s < b:
            left = _plan(ch, s - a, b - a, d)
            ms = b
        if a < e < b:
            right = _plan(ch, 0, e - a, d)
            me = a
    middle = [(parent, ms, me)] if me > ms else []
    return left + middle + right


def _snap(parent: etree._Element, s: int, e: int, d: Dialect) -> tuple[int, int]:
    """Widen ``[s, e)`` so that it does not cut into an atomic inline element (a native code counted
    as text, or a ``<cp>``)."""
    for ch, a, b in _children_extents(parent, d):
        if d.kind(ch) == "text":
            if a < s < b or a < e < b:
                ss, ee = _snap(ch, max(s, a) - a, min(e, b) - a, d)
                s, e = (ss + a if a < s < b else s), (ee + a if a < e < b else e)
        elif b > a:
            if a < s < b:
                s = a
            if a < e < b:
                e = b
    return s, e


def _wrap_run(parent: etree._Element, s: int, e: int, d: Dialect, mrk: etree._Element) -> None:
    """Move the content ``[s, e)`` of ``parent`` (no element straddles s or e) into ``mrk``."""
    toks = []
    pos = 0
    for t in _tokens(parent):  # split text tokens at s and e
        if isinstance(t, str):
            a = pos
            cuts = sorted({0, len(t), *(c - a for c in (s, e) if a < c < a + len(t))})
            toks.extend(t[i:j] for i, j in zip(cuts, cuts[1:]))
            pos += len(t)
        else:
            toks.append(t)
            pos += _length(t, d)
    out: list[Any] = []
    inner: list[Any] = []
    pos = 0
    placed = False
    for t in toks:
        n = len(t) if isinstance(t, str) else _length(t, d)
        a, b = pos, pos + n
        pos = b
        inside = (s <= a and b <= e) if n else (s < a < e)
        if inside:
            inner.append(t)
            if not placed:
                out.append(mrk)
                placed = True
        else:
            out.append(t)
    if not placed:  # empty run: nothing to move
        return
    _rebuild(mrk, inner)
    _rebuild(parent, out)


def _insert_point(parent: etree._Element, p: int, d: Dialect, el: etree._Element) -> None:
    """Insert the empty element ``el`` at text offset ``p`` (descending into inline elements only
    when ``p`` falls strictly inside their text)."""
    for ch, a, b in _children_extents(parent, d):
        if d.kind(ch) == "text" and a < p < b:
            _insert_point(ch, p - a, d, el)
            return
    out: list[Any] = []
    pos = 0
    done = False
    for t in _tokens(parent):
        n = len(t) if isinstance(t, str) else _length(t, d)
        if not done and isinstance(t, str) and pos <= p < pos + n:
            out.extend([t[:p - pos], el, t[p - pos:]])
            done = True
        elif not done and not isinstance(t, str) and pos == p:
            out.extend([el, t])
            done = True
        else:
            out.append(t)
        pos += n
    if not done:
        out.append(el)
    _rebuild(parent, out)


def _wrap_all(parent: etree._Element, mrk: etree._Element) -> None:
    """Move all content of ``parent`` into ``mrk`` and make ``mrk`` its only child."""
    toks = _tokens(parent)
    _rebuild(mrk, toks)
    _rebuild(parent, [mrk])


_XML_WS = re.compile(r"[ \t\r\n]+")


def _offset_map(raw: str, want: str) -> list[int] | None:
    """Map offsets in ``want`` to offsets in ``raw`` when ``want`` is ``raw`` verbatim, stripped, or
    with XML whitespace runs collapsed to one space; None when the two texts differ otherwise."""
    if raw == want:
        return list(range(len(raw) + 1))
    for collapse in (False, True):
        idx: list[int] = []
        chars: list[str] = []
        i = 0
        while i < len(raw):
            m = _XML_WS.match(raw, i) if collapse else None
            if m:
                idx.append(i)
                chars.append(" ")
                i = m.end()
            else:
                idx.append(i)
                chars.append(raw[i])
                i += 1
        text = "".join(chars)
        lead = len(text) - len(text.lstrip(" \t\r\n"))
        stripped = text.strip(" \t\r\n")
        if stripped == want:
            sub = idx[lead:lead + len(stripped)]
            end = (sub[-1] + 1) if sub else (idx[lead] if lead < len(idx) else len(raw))
            return sub + [end]
    return None


# --------------------------------------------------------------------------- annotating

@dataclass
class AnnotateStats:
    """What :func:`annotate_xliff` / the writers did: counts, and the report keys not found."""

    units: int = 0
    segments_annotated: int = 0
    issues_on_spans: int = 0
    issues_whole: int = 0
    issues_unplaced: int = 0
    text_mismatches: list[str] = field(default_factory=list)
    missing_keys: list[str] = field(default_factory=list)


class _Ids:
    """Fresh ids that collide with none already in use."""

    def __init__(self, used: Iterable[str], prefix: str) -> None:
        self.used, self.prefix, self.n = set(used), prefix, 0

    def new(self) -> str:
        while True:
            self.n += 1
            cand = f"{self.prefix}{self.n}"
            if cand not in self.used:
                self.used.add(cand)
                return cand


@dataclass
class Segmentation:
    """One segment of a unit: its report key and its source/target containers (target may be None)."""

    key: str
    source: etree._Element | None
    target: etree._Element | None


class Annotator:
    """Adds ITS annotations to the units of one XLIFF document (see the module docstring)."""

    def __init__(self, d: Dialect, xml_ids: Iterable[str] = (), queue: QueueConfig = DEFAULT_QUEUE,
                 notes: bool = True) -> None:
        self.d, self.queue, self.notes = d, queue, notes
        self.xml_ids = _Ids(xml_ids, "mtqa-lqi-")
        self.stats = AnnotateStats()

    # -- markup builders
    def _mrk(self, ids: _Ids | None) -> etree._Element:
        m = etree.Element(self.d.q("mrk"))
        if self.d.version == 1:
            m.set("mtype", "x-its")
        else:
            m.set("id", ids.new())  # type: ignore[union-attr]
        return m

    @staticmethod
    def _set_issue(el: etree._Element, issue: Issue, text: str | None = None, prefix: str = "its") -> None:
        q = (lambda n: f"{{{ITS_NS}}}{n}") if prefix == "its" else (lambda n: n)
        el.set(q("locQualityIssueType"), issue_type(issue))
        el.set(q("locQualityIssueComment"), issue_comment(issue, text))
        el.set(q("locQualityIssueSeverity"), format_decimal(its_severity(issue.severity), 2))

    def _standoff(self, issues: list[tuple[Issue, str | None]], store: list[etree._Element]) -> str:
        group = etree.Element(f"{{{ITS_NS}}}locQualityIssues")
        xid = self.xml_ids.new()
        group.set(f"{{{XML_NS}}}id", xid)
        for issue, text in issues:
            self._set_issue(etree.SubElement(group, f"{{{ITS_NS}}}locQualityIssue"), issue, text, prefix="")
        store.append(group)
        return f"#{xid}" if self.d.version == 1 else f"#its={xid}"

    # -- one container (a <source>/<target>, or a 1.2 segment <mrk mtype="seg">)
    def annotate_container(self, container: etree._Element, text: str, issues: list[Issue], qe_quality: float | None,
                           qe_model: str | None, ids: _Ids | None, store: list[etree._Element], key: str) -> None:
        """Place ``issues`` (all on this side) and the MT confidence on ``container`` whose report text is ``text``."""
        d = self.d
        omap = _offset_map(inline_text(container, d), text)
        if omap is None and d.version == 1:  # the reader may have kept native codes' content (<ph>{0}</ph>)
            alt = d.with_code_text()
            omap = _offset_map(inline_text(container, alt), text)
            if omap is not None:
                d = alt
        if omap is None and any(i.span is not None for i in issues):
            self.stats.text_mismatches.append(key)
        whole: list[tuple[Issue, str | None]] = []
        spans: list[tuple[int, int, Issue]] = []
        for i in issues:
            if i.span is None:
                whole.append((i, None))
            elif omap is None or i.span.end > len(text):
                whole.append((i, text[i.span.start:i.span.end]))
            else:
                a = omap[i.span.start]
                b = omap[i.span.end - 1] + 1 if i.span.end > i.span.start else a
                if b > a:
                    a, b = _snap(container, a, b, d)
                spans.append((a, b, i))
        # outer spans first so that inner ones nest inside them
        spans.sort(key=lambda t: (-(t[1] - t[0]), t[0], -severity_rank(t[2].severity)))
        for a, b, issue in spans:
            if a == b:
                m = self._mrk(ids)
                self._set_issue(m, issue)
                _insert_point(container, a, d, m)
                self.stats.issues_on_spans += 1
                continue
            pieces = _plan(container, a, b, d)
            if len(pieces) == 1:
                m = self._mrk(ids)
                self._set_issue(m, issue)
                el, s, e = pieces[0]
                _wrap_run(el, s, e, d, m)
            elif d.version == 2:
                sm = etree.Element(d.q("sm"))
                sm.set("id", ids.new())  # type: ignore[union-attr]
                self._set_issue(sm, issue)
                em = etree.Element(d.q("em"))
                em.set("startRef", sm.get("id"))
                _insert_point(container, b, d, em)  # end first: offsets before b are unchanged
                _insert_point(container, a, d, sm)
            else:
                ref = self._standoff([(issue, None)], store)
                for el, s, e in pieces:
                    m = self._mrk(ids)
                    m.set(f"{{{ITS_NS}}}locQualityIssuesRef", ref)
                    _wrap_run(el, s, e, d, m)
            self.stats.issues_on_spans += 1
        has_qe = qe_quality is not None
        qe_on_container = has_qe and d.version == 1 and container.get(f"{{{ITS_NS}}}mtConfidence") is None
        if whole or (has_qe and not qe_on_container):
            m = self._mrk(ids)
            if len(whole) == 1:
                self._set_issue(m, *whole[0])
            elif whole:
                m.set(f"{{{ITS_NS}}}locQualityIssuesRef", self._standoff(whole, store))
            if has_qe and not qe_on_container:
                m.set(f"{{{ITS_NS}}}annotatorsRef", annotators_ref(qe_model or "unknown"))
                m.set(f"{{{ITS_NS}}}mtConfidence", format_decimal(qe_quality))  # type: ignore[arg-type]
            _wrap_all(container, m)
            self.stats.issues_whole += len(whole)
        if qe_on_container:
            container.set(f"{{{ITS_NS}}}annotatorsRef", annotators_ref(qe_model or "unknown"))
            container.set(f"{{{ITS_NS}}}mtConfidence", format_decimal(qe_quality))  # type: ignore[arg-type]

    # -- one unit
    def annotate_unit(self, unit: etree._Element, segs: list[tuple[Segmentation, SegmentReport]]) -> None:
        """Annotate the segments of one ``<trans-unit>`` / ``<unit>`` and add the note and stand-off records."""
        d = self.d
        self.stats.units += 1
        ids = _Ids((e.get("id") for e in unit.iter() if isinstance(e.tag, str) and e.get("id")), "mtqa") \
            if d.version == 2 else None
        store: list[etree._Element] = []
        note_lines = []
        for seg, report in segs:
            s = report.segment
            for side, container, text in (("target", seg.target, s.target), ("source", seg.source, s.source)):
                issues = [i for i in report.issues if i.side == side]
                qe = report.qe if side == "target" else None
                if container is None or text is None:
                    self.stats.issues_unplaced += len(issues)
                    continue
                if issues or qe is not None:
                    self.annotate_container(container, text, issues, qe.quality if qe else None,
                                            qe.model if qe else None, ids, store, seg.key)
            self.stats.segments_annotated += 1
            line = _note_text(report, self.queue, seg.key if len(segs) > 1 else None)
            if line:
                note_lines.append(line)
        if self.notes and note_lines:
            self._add_note(unit, " | ".join(note_lines))
        self._add_standoff(unit, store)

    def _add_note(self, unit: etree._Element, text: str) -> None:
        d = self.d
        if d.version == 1:
            note = etree.Element(d.q("note"))
            note.set("from", "mtqa")
            note.set("annotates", "target")
            note.text = text
            last_xliff = max((k for k, ch in enumerate(unit) if isinstance(ch.tag, str)
                              and (etree.QName(ch).namespace or "") == d.ns), default=-1)
            _insert_child(unit, last_xliff + 1, note)
            return
        notes = unit.find(d.q("notes"))
        if notes is None:
            notes = etree.Element(d.q("notes"))
            pos = next((k for k, ch in enumerate(unit) if isinstance(ch.tag, str)
                        and (etree.QName(ch).namespace or "") == d.ns), len(unit))
            _insert_child(unit, pos, notes)
        note = etree.Element(d.q("note"))
        note.set("category", "mtqa")
        note.set("appliesTo", "target")
        note.text = text
        _insert_child(notes, len(notes), note)

    def _add_standoff(self, unit: etree._Element, store: list[etree._Element]) -> None:
        # 1.2: foreign elements go last in <trans-unit>; 2.x: first in <unit>.
        for k, group in enumerate(store):
            _insert_child(unit, len(unit) if self.d.version == 1 else k, group)


def _insert_child(parent: etree._Element, index: int, el: etree._Element) -> None:
    """Insert ``el`` at ``index`` copying the neighbouring indentation, so only new text appears."""
    children = list(parent)
    if not children:
        parent.append(el)
        return
    if index >= len(children):
        last = children[-1]
        el.tail = last.tail
        if last.tail is not None and last.tail.strip() == "":
            # indent the new element like the last one: reuse the whitespace before the last child
            prev_ws = (children[-2].tail if len(children) > 1 else parent.text) or ""
            last.tail, el.tail = (prev_ws if prev_ws.strip() == "" else last.tail), last.tail
        parent.append(el)
        return
    before = (children[index - 1].tail if index > 0 else parent.text) or ""
    el.tail = before if before.strip() == "" else None
    parent.insert(index, el)


def _note_text(report: SegmentReport, queue: QueueConfig, key: str | None) -> str:
    b = band(report, queue)
    real = [i for i in report.issues if i.severity != "neutral"]
    if b == "accept" and not real:
        return ""
    s = report.segment
    head = (f"{key}: " if key else "") + f"mtqa: {BAND_LABELS[b]} (priority {report.priority:.2f}, " \
        f"MQM penalty {report.mqm_penalty:g}"
    if report.qe is not None:
        head += f", QE {report.qe.quality:.2f}"
    head += ")"
    items = []
    for i in real:
        text = s.target if i.side == "target" else (s.source or "")
        frag = f" {text[i.span.start:i.span.end]!r}" if i.span else ""
        sug = "" if i.suggestion is None else " -> (delete)" if i.suggestion == "" else f" -> {i.suggestion!r}"
        items.append(f"{i.severity} {i.category}{frag}{sug}")
    return head + (": " + "; ".join(items) if items else "")


# --------------------------------------------------------------------------- finding segments

def segmentations(unit: etree._Element, d: Dialect) -> list[Segmentation]:
    """The segments of a unit with their report keys.

    1.2: the ``<trans-unit>`` id; when the target is segmented with ``<mrk mtype="seg" mid>``,
    ``"<id>::<mid>"`` per segment. 2.x: the ``<unit>`` id when it has one ``<segment>``, else
    ``"<unit id>::<segment id>"`` (``segment-N``, 1-based, for segments without an id) — the ids
    translate-toolkit gives (``translate.storage.xliff2``).
    """
    uid = unit.get("id") or ""
    if d.version == 1:
        src, tgt = unit.find(d.q("source")), unit.find(d.q("target"))
        seg_src = unit.find(d.q("seg-source"))
        marks = [m for m in (tgt.iter(d.q("mrk")) if tgt is not None else []) if m.get("mtype") == "seg"]
        if marks:
            src_marks = {m.get("mid"): m for m in (seg_src.iter(d.q("mrk")) if seg_src is not None else [])
                         if m.get("mtype") == "seg"}
            return [Segmentation(f"{uid}::{m.get('mid')}", src_marks.get(m.get("mid")), m) for m in marks]
        return [Segmentation(uid, src, tgt)]
    segs = [s for s in unit if isinstance(s.tag, str) and s.tag == d.q("segment")]
    out = []
    for k, s in enumerate(segs, start=1):
        key = uid if len(segs) == 1 and not s.get("id") else f"{uid}::{s.get('id') or f'segment-{k}'}"
        out.append(Segmentation(key, s.find(d.q("source")), s.find(d.q("target"))))
    return out


def units(root: etree._Element, d: Dialect) -> list[etree._Element]:
    """All ``<trans-unit>`` (1.2) / ``<unit>`` (2.x) elements in document order."""
    return list(root.iter(d.q("trans-unit" if d.version == 1 else "unit")))


def lookup(reports: dict[str, SegmentReport], seg: Segmentation, unit_id: str, n_segments: int) -> SegmentReport | None:
    """The report for a segment: by its key, or by the bare unit id when the unit has this one segment
    (a 2.x ``<segment id>`` or a lone 1.2 ``<mrk mtype="seg">``)."""
    if seg.key in reports:
        return reports[seg.key]
    if n_segments == 1 and unit_id in reports:
        return reports[unit_id]
    return None


def annotate_tree(root: etree._Element, d: Dialect, reports: dict[str, SegmentReport],
                  queue: QueueConfig = DEFAULT_QUEUE, notes: bool = True) -> AnnotateStats:
    """Annotate every unit of a parsed XLIFF document in place; see :func:`annotate_xliff`.

    A document none of whose segments has a report is left untouched.
    """
    work = []
    seen: set[str] = set()
    for unit in units(root, d):
        uid = unit.get("id") or ""
        segs = segmentations(unit, d)
        pairs = []
        for seg in segs:
            rep = lookup(reports, seg, uid, len(segs))
            if rep is not None:
                pairs.append((seg, rep))
                seen.add(seg.key if seg.key in reports else uid)
        if pairs:
            work.append((unit, pairs))
    xml_ids = [e.get(f"{{{XML_NS}}}id") for e in root.iter() if isinstance(e.tag, str) and e.get(f"{{{XML_NS}}}id")]
    ann = Annotator(d, xml_ids, queue, notes)
    if work and root.get(f"{{{ITS_NS}}}version") is None:
        root.set(f"{{{ITS_NS}}}version", ITS_VERSION)  # declares xmlns:its on the root, before any other use
    for unit, pairs in work:
        ann.annotate_unit(unit, pairs)
    ann.stats.missing_keys = [k for k in reports if k not in seen]
    return ann.stats


def unit_id_for(seg_id: str, used: set[str]) -> str:
    """An XML NMTOKEN made from a segment id, unique among ``used`` (which it joins)."""
    base = re.sub(r"[^\w.\-:]", "_", seg_id) or "u"
    cand, k = base, 1
    while cand in used:
        k += 1
        cand = f"{base}_{k}"
    used.add(cand)
    return cand


__all__ = ["AnnotateStats", "Annotator", "DIALECT_12", "DIALECT_2", "Dialect", "Segmentation", "XLIFF12_NS",
           "XLIFF2_NS", "annotate_tree", "dialect_of", "inline_text", "safe_parser", "segmentations", "units"]
