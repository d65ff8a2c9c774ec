"""What the XLIFF 1.2 / 2.1 and ITS 2.0 specifications require of a document, as a checker that
returns the violations it finds (an empty list = conforming on the points checked).

Sources: XLIFF 1.2 (OASIS Standard, 2008) element and attribute tables; XLIFF 2.1 (OASIS Standard,
2018) core XSD and ITS module constraints (its.sch); ITS 2.0 (W3C Recommendation, 2013) §8.15
Localization Quality Issue (closed list of types, severity a decimal in [0, 100], stand-off
``locQualityIssues`` with ``xml:id``), §8.17 MT Confidence (a double in [0, 1] with an
``annotatorsRef`` naming the ``mt-confidence`` annotator).
"""
from __future__ import annotations

import re

from lxml import etree

from mtqa.report.its import ISSUE_TYPES

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X2 = "urn:oasis:names:tc:xliff:document:2.0"
ITS = "http://www.w3.org/2005/11/its"
XML = "http://www.w3.org/XML/1998/namespace"
NMTOKEN = re.compile(r"^[\w.\-:]+$")
LQI_LOCAL = ("locQualityIssueType", "locQualityIssueComment", "locQualityIssueSeverity",
             "locQualityIssueProfileRef", "locQualityIssueEnabled")


def _its(el, name):
    return el.get(f"{{{ITS}}}{name}")


def _decimal_in(value, lo, hi):
    if value is None or not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return False
    return lo <= float(value) <= hi


def check_its(root, version):
    """ITS 2.0 checks shared by both XLIFF versions."""
    errs = []
    if _its(root, "version") != "2.0":
        errs.append("root lacks its:version='2.0'")
    xml_ids = [e.get(f"{{{XML}}}id") for e in root.iter() if isinstance(e.tag, str) and e.get(f"{{{XML}}}id")]
    if len(xml_ids) != len(set(xml_ids)):
        errs.append("duplicate xml:id")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        t = _its(el, "locQualityIssueType")
        if t is not None and t not in ISSUE_TYPES:
            errs.append(f"bad locQualityIssueType {t!r}")
        sev = _its(el, "locQualityIssueSeverity")
        if sev is not None and not _decimal_in(sev, 0, 100):
            errs.append(f"locQualityIssueSeverity {sev!r} not a decimal in [0, 100]")
        if _its(el, "locQualityIssueType") is None and _its(el, "locQualityIssueComment") is None and any(
                _its(el, a) is not None for a in LQI_LOCAL[2:]):
            errs.append("local LQI without type or comment")
        ref = _its(el, "locQualityIssuesRef")
        if ref is not None:
            if any(_its(el, a) is not None for a in LQI_LOCAL):
                errs.append("locQualityIssuesRef together with local LQI attributes")
            prefix = "#" if version == 1 else "#its="
            if not ref.startswith(prefix) or ref[len(prefix):] not in xml_ids:
                errs.append(f"locQualityIssuesRef {ref!r} does not resolve")
        conf = _its(el, "mtConfidence")
        if conf is not None:
            if not _decimal_in(conf, 0, 1):
                errs.append(f"mtConfidence {conf!r} not in [0, 1]")
            scope = [el, *el.iterancestors()]
            if not any("mt-confidence|" in (_its(e, "annotatorsRef") or "") for e in scope):
                errs.append("mtConfidence without an mt-confidence annotatorsRef")
        if el.tag == f"{{{ITS}}}locQualityIssues":
            if not el.get(f"{{{XML}}}id"):
                errs.append("locQualityIssues without xml:id")
            if len(el) == 0:
                errs.append("empty locQualityIssues")
            for issue in el:
                if issue.tag != f"{{{ITS}}}locQualityIssue":
                    errs.append(f"unexpected {issue.tag} in locQualityIssues")
                if issue.get("locQualityIssueType") is None and issue.get("locQualityIssueComment") is None:
                    errs.append("locQualityIssue without type or comment")
                if issue.get("locQualityIssueType") not in (None, *ISSUE_TYPES):
                    errs.append(f"bad stand-off type {issue.get('locQualityIssueType')!r}")
                if issue.get("locQualityIssueSeverity") is not None and not _decimal_in(
                        issue.get("locQualityIssueSeverity"), 0, 100):
                    errs.append("stand-off severity out of range")
    return errs


def check_xliff12(root):
    """XLIFF 1.2 structure: namespace, version, required elements and attributes, ITS placement."""
    errs = []
    if root.tag != f"{{{X12}}}xliff" or root.get("version") != "1.2":
        errs.append("root is not <xliff version='1.2'> in the 1.2 namespace")
    files = root.findall(f"{{{X12}}}file")
    if not files:
        errs.append("no <file>")
    for f in files:
        for a in ("original", "source-language", "datatype"):
            if not f.get(a):
                errs.append(f"<file> without {a}")
        if f.find(f"{{{X12}}}body") is None:
            errs.append("<file> without <body>")
        ids = []
        for tu in f.iter(f"{{{X12}}}trans-unit"):
            ids.append(tu.get("id"))
            kids = [k for k in tu if isinstance(k.tag, str)]
            if not tu.get("id"):
                errs.append("<trans-unit> without id")
            if not kids or kids[0].tag != f"{{{X12}}}source":
                errs.append(f"trans-unit {tu.get('id')}: <source> is not the first child")
            seen_foreign = False
            for k in kids:
                foreign = etree.QName(k).namespace != X12
                if seen_foreign and not foreign:
                    errs.append(f"trans-unit {tu.get('id')}: XLIFF element after an extension element")
                seen_foreign = seen_foreign or foreign
        if len(ids) != len(set(ids)):
            errs.append("duplicate trans-unit ids in a <file>")
    for mrk in root.iter(f"{{{X12}}}mrk"):
        if not mrk.get("mtype"):
            errs.append("<mrk> without mtype")
        if any(a.startswith(f"{{{ITS}}}locQuality") for a in mrk.attrib) and mrk.get("mtype") not in ("x-its", "seg"):
            errs.append("ITS <mrk> whose mtype is not x-its")
    for note in root.iter(f"{{{X12}}}note"):
        if note.get("annotates") not in (None, "source", "target", "general"):
            errs.append("bad note annotates")
    for tgt in root.iter(f"{{{X12}}}target"):
        if tgt.get("state") not in (None, "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
                                    "needs-review-l10n", "needs-review-translation", "needs-translation", "new",
                                    "signed-off", "translated") and not str(tgt.get("state")).startswith("x-"):
            errs.append(f"bad target state {tgt.get('state')!r}")
    return errs + check_its(root, 1)


def check_xliff21(root):
    """XLIFF 2.1 structure: namespace, version, srcLang, ids, content order, mrk/sm/em rules."""
    errs = []
    if root.tag != f"{{{X2}}}xliff" or root.get("version") != "2.1":
        errs.append("root is not <xliff version='2.1'> in the 2.0 namespace")
    if not root.get("srcLang"):
        errs.append("no srcLang")
    files = root.findall(f"{{{X2}}}file")
    if not files:
        errs.append("no <file>")
    fids = [f.get("id") for f in files]
    if None in fids or len(fids) != len(set(fids)):
        errs.append("<file> ids missing or duplicate")
    for f in files:
        if not any(k.tag in (f"{{{X2}}}unit", f"{{{X2}}}group") for k in f):
            errs.append(f"file {f.get('id')} without unit or group")
        uids = [u.get("id") for u in f.iter(f"{{{X2}}}unit")]
        if None in uids or len(uids) != len(set(uids)) or not all(NMTOKEN.match(u) for u in uids if u):
            errs.append(f"file {f.get('id')}: unit ids missing, duplicate or not NMTOKEN")
        for u in f.iter(f"{{{X2}}}unit"):
            order = {"foreign": 0, "notes": 1, "originalData": 2, "segment": 3, "ignorable": 3}
            last = 0
            for k in u:
                if not isinstance(k.tag, str):
                    continue
                qn = etree.QName(k)
                rank = 0 if qn.namespace != X2 else order.get(qn.localname, 9)
                if rank < last:
                    errs.append(f"unit {u.get('id')}: children out of order ({qn.localname})")
                last = rank
            if u.find(f"{{{X2}}}segment") is None:
                errs.append(f"unit {u.get('id')} without <segment>")
            for seg in u.findall(f"{{{X2}}}segment"):
                kids = [k.tag for k in seg if isinstance(k.tag, str)]
                if not kids or kids[0] != f"{{{X2}}}source" or kids[1:] not in ([], [f"{{{X2}}}target"]):
                    errs.append(f"unit {u.get('id')}: <segment> must hold <source> then optional <target>")
            inline_ids = {}
            for side in ("source", "target"):
                ids = [e.get("id") for e in u.iter(f"{{{X2}}}{side}") for e in e.iter()
                       if isinstance(e.tag, str) and e.get("id") and e.tag != f"{{{X2}}}{side}"]
                if len(ids) != len(set(ids)):
                    errs.append(f"unit {u.get('id')}: duplicate inline ids in {side}")
                inline_ids[side] = set(ids)
            sms = {sm.get("id") for sm in u.iter(f"{{{X2}}}sm")}
            for em in u.iter(f"{{{X2}}}em"):
                if em.get("startRef") not in sms:
                    errs.append(f"unit {u.get('id')}: <em> without matching <sm>")
            for m in [*u.iter(f"{{{X2}}}mrk"), *u.iter(f"{{{X2}}}sm")]:
                if not m.get("id") or not NMTOKEN.match(m.get("id")):
                    errs.append(f"unit {u.get('id')}: <{etree.QName(m).localname}> without a valid id")
                has_its = any(a.startswith(f"{{{ITS}}}") for a in m.attrib)
                if has_its and m.get("type") not in (None, "its:generic"):
                    errs.append(f"unit {u.get('id')}: ITS <mrk> with type {m.get('type')!r}")
            for el in u.iter(f"{{{X2}}}source", f"{{{X2}}}target"):
                if any(a.startswith(f"{{{ITS}}}") for a in el.attrib):
                    errs.append("ITS attribute on <source>/<target> (not allowed in 2.x core)")
            for lqi in u.iter(f"{{{ITS}}}locQualityIssues"):
                if lqi.getparent() is not u:
                    errs.append("locQualityIssues not a child of its <unit>")
    return errs + check_its(root, 2)
