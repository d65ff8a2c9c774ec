"""XLIFF 1.2 / 2.1 output with ITS 2.0 annotations: fresh documents and annotated originals."""
import difflib
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import ARTICLE, ROOT
from mtqa.cli import main
from mtqa.io import InputError, read_document
from mtqa.pipeline import score_segments
from mtqa.report.its import ISSUE_TYPES, ITS_SEVERITY, issue_type
from mtqa.report.xliff import Xliff12Writer, Xliff21Writer, annotate_xliff
from mtqa.report.xliff_its import dialect_of, inline_text, safe_parser, segmentations, units
from mtqa.types import Issue, QEResult, Segment, SegmentReport, Span
from xliff_spec import ITS, X2, X12, check_xliff12, check_xliff21

FIX = ROOT / "tests" / "fixtures" / "xliff"
F12, F21 = FIX / "inline-1.2.xlf", FIX / "inline-2.1.xlf"

# flagged fragments per segment key: (fragment, category, severity); None = whole segment
PLAN = {
    "u1": [("developmentjobsKey", "Fluency/Spelling", "major"), ("keywork of", "Style/Awkward", "minor")],
    "u1::s1": [("developmentjobsKey", "Fluency/Spelling", "major"), ("keywork of", "Style/Awkward", "minor")],
    "u2": [("here to", "Accuracy/Mistranslation", "minor"), ("changes changes", "Fluency/Repetition", "major"),
           ("changes changes", "Style/Awkward", "minor")],
    "u3": [("Note:", "Fluency/Punctuation", "minor"), ("savethe", "Fluency/Spelling", "major")],
    "u4::1": [(None, "Accuracy/Omission", "critical")],
    "u4::2": [("secondsentence is bold", "Fluency/Spelling", "major"), ("bold text here", "Style/Awkward", "minor")],
    "u3::a": [(None, "Accuracy/Omission", "critical"), (None, "Fluency/Grammar", "minor")],
    "u3::b": [("secondsentence is bold", "Fluency/Spelling", "major"), ("bold text here", "Style/Awkward", "minor"),
              ("poverty alleviation", "Terminology/Inappropriate for context", "minor")],
}


def _reports(path, qe=None, plan=PLAN):
    root = etree.parse(str(path), safe_parser()).getroot()
    d = dialect_of(root)
    out = {}
    for u in units(root, d):
        for seg in segmentations(u, d):
            if seg.target is None:
                continue
            text = inline_text(seg.target, d)
            issues = []
            for n, (frag, cat, sev) in enumerate(plan.get(seg.key, [])):
                span = None
                if frag is not None:
                    k = text.index(frag)
                    span = Span(k, k + len(frag))
                issues.append(Issue(seg.key, "test", cat, sev, f"issue {n} on {frag!r}", span, suggestion="fix"))
            out[seg.key] = SegmentReport(Segment(seg.key, text), tuple(issues), 5.0 * len(issues), 0.5,
                                         QEResult(0.7, qe, "toy-qe") if qe is not None else None)
    return out


def _its_marks(root, ns):
    return [m for m in root.iter(f"{{{ns}}}mrk", f"{{{ns}}}sm")
            if any(a.startswith(f"{{{ITS}}}") for a in m.attrib)]


def _comment_index(el):
    m = re.search(r"issue (\d+) on", el.get(f"{{{ITS}}}locQualityIssueComment") or "")
    return int(m.group(1)) if m else None


# ----------------------------------------------------------------------------- annotate an existing file

@pytest.mark.parametrize("path", [F12, F21])
def test_annotating_only_inserts_text(path):
    """Byte for byte, the output is the input plus inserted markup: no character of the input is
    deleted or replaced (inline codes, comments, PIs, notes, alt-trans, whitespace all kept)."""
    data, stats = annotate_xliff(path, _reports(path, qe=0.42))
    before, after = path.read_text(encoding="utf-8"), data.decode("utf-8")
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    assert {op for op, *_ in ops} <= {"equal", "insert"}, [o for o in ops if o[0] not in ("equal", "insert")]
    assert any(op == "insert" for op, *_ in ops)
    assert stats.missing_keys == [] and stats.text_mismatches == []


def _strip_annotations(root, original_its_version):
    """Remove what annotate_xliff adds, keeping the content of the markers."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        qn = etree.QName(el)
        mine = (qn.localname == "mrk" and (el.get("mtype") == "x-its" or (el.get("id") or "").startswith("mtqa"))) \
            or (qn.localname in ("sm", "em") and ((el.get("id") or el.get("startRef") or "").startswith("mtqa")))
        if mine or qn.localname == "locQualityIssues" or (
                qn.localname == "note" and ("mtqa" in (el.get("from"), el.get("category")))):
            parent = el.getparent()
            idx = parent.index(el)
            keep_children = qn.localname == "mrk"
            tail = el.tail or ""
            if keep_children:
                kids = list(el)
                text = el.text or ""
                prev = parent[idx - 1] if idx > 0 else None
                if prev is None:
                    parent.text = (parent.text or "") + text
                else:
                    prev.tail = (prev.tail or "") + text
                for k, kid in enumerate(kids):
                    parent.insert(idx + k, kid)
                last = kids[-1] if kids else prev
                parent.remove(el)
            else:
                prev = parent[idx - 1] if idx > 0 else None
                last = prev
                parent.remove(el)
                if qn.localname not in ("sm", "em"):
                    tail = ""  # drop the indentation inserted with a block element
            if last is None:
                parent.text = (parent.text or "") + tail
            else:
                last.tail = (last.tail or "") + tail
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for a in list(el.attrib):
            if a.startswith(f"{{{ITS}}}") and not (el is root and a == f"{{{ITS}}}version" and original_its_version):
                del el.attrib[a]
    for notes in list(root.iter(f"{{{X2}}}notes")):
        if len(notes) == 0:
            notes.getparent().remove(notes)
    etree.cleanup_namespaces(root)
    return root


def _canonical(root):
    for el in root.iter():  # whitespace-only text between structural elements is formatting
        if isinstance(el.tag, str):
            if el.text is not None and not el.text.strip() and len(el):
                el.text = None
            if el.tail is not None and not el.tail.strip():
                el.tail = None
    return etree.tostring(root, method="c14n2")


@pytest.mark.parametrize("path", [F12, F21])
def test_removing_the_annotations_gives_back_the_original(path):
    data, _ = annotate_xliff(path, _reports(path, qe=0.42))
    original = etree.fromstring(path.read_bytes(), safe_parser())
    annotated = etree.fromstring(data, safe_parser())
    assert _canonical(_strip_annotations(annotated, False)) == _canonical(original)


@pytest.mark.parametrize("path", [F12, F21])
def test_every_issue_sits_on_its_characters(path):
    reports = _reports(path)
    data, stats = annotate_xliff(path, reports)
    root = etree.fromstring(data, safe_parser())
    d = dialect_of(root)
    found = {}
    for u in units(root, d):
        for seg in segmentations(u, d):
            if seg.key not in reports:
                continue
            rep = reports[seg.key]
            assert inline_text(seg.target, d) == rep.segment.target  # annotations add no text
            got = {}
            for m in _its_marks(seg.target, d.ns):
                k = _comment_index(m)
                if m.tag.endswith("}sm"):  # 2.x: text between <sm/> and its <em/>
                    got[k] = _between_markers(seg.target, m, d)
                elif k is not None:
                    got[k] = got.get(k, "") + inline_text(m, d)
            for ref_mrk in (m for m in seg.target.iter(d.q("mrk")) if m.get(f"{{{ITS}}}locQualityIssuesRef")):
                xid = ref_mrk.get(f"{{{ITS}}}locQualityIssuesRef").split("=")[-1].lstrip("#")
                group = root.xpath("//*[@xml:id=$x]", x=xid)[0]
                for issue in group:
                    k = int(re.search(r"issue (\d+)", issue.get("locQualityIssueComment")).group(1))
                    if rep.issues[k].span is not None:
                        got[k] = got.get(k, "") + inline_text(ref_mrk, d)
                    else:
                        got[k] = None
            for k, issue in enumerate(rep.issues):
                want = None if issue.span is None else rep.segment.target[issue.span.start:issue.span.end]
                if issue.span is None:
                    assert k in got or any(k == _comment_index(m) for m in _its_marks(seg.target, d.ns)), (seg.key, k)
                else:
                    assert got.get(k) == want, (seg.key, k, got.get(k), want)
                found[(seg.key, k)] = True
    assert len(found) == sum(len(r.issues) for r in reports.values())
    assert stats.issues_on_spans + stats.issues_whole == len(found)


def _between_markers(container, sm, d):
    text, inside = [], False

    def walk(el):
        nonlocal inside
        if inside and el.text:
            text.append(el.text)
        for ch in el:
            if ch is sm:
                inside = True
            elif ch.tag == d.q("em") and ch.get("startRef") == sm.get("id"):
                inside = False
            elif isinstance(ch.tag, str) and d.kind(ch) == "text":
                walk(ch)
            if inside and ch.tail:
                text.append(ch.tail)
    if container.text and inside:
        text.append(container.text)
    walk(container)
    return "".join(text)


def test_crossing_spans_stay_well_formed_and_count_once():
    """'secondsentence is bold' ends inside <g>bold text</g> (1.2): two <mrk> pieces share one stand-off
    record; in 2.1 the overlapping issue becomes an <sm/>..<em/> pair."""
    data, _ = annotate_xliff(F12, _reports(F12))
    root = etree.fromstring(data, safe_parser())
    groups = list(root.iter(f"{{{ITS}}}locQualityIssues"))
    assert len(groups) == 1 and len(groups[0]) == 1
    refs = [m for m in root.iter(f"{{{X12}}}mrk") if m.get(f"{{{ITS}}}locQualityIssuesRef")]
    assert [inline_text(m, dialect_of(root)) for m in refs] == ["secondsentence is ", "bold"]
    assert groups[0].getparent().get("id") == "u4" and groups[0].getparent()[-1] is groups[0]
    data2, _ = annotate_xliff(F21, _reports(F21))
    root2 = etree.fromstring(data2, safe_parser())
    sms = list(root2.iter(f"{{{X2}}}sm"))
    assert len(sms) == 1 and [e.get("startRef") for e in root2.iter(f"{{{X2}}}em")] == [sms[0].get("id")]


@pytest.mark.parametrize("path,check", [(F12, check_xliff12), (F21, check_xliff21)])
def test_annotated_file_meets_the_specs(path, check):
    data, _ = annotate_xliff(path, _reports(path, qe=0.42))
    assert check(etree.fromstring(data, safe_parser())) == []


def test_the_spec_checker_catches_violations():
    data, _ = annotate_xliff(F21, _reports(F21, qe=0.42))
    root = etree.fromstring(data, safe_parser())
    mrk = _its_marks(root, X2)[0]
    mrk.set(f"{{{ITS}}}locQualityIssueType", "spelling")  # not an ITS type
    mrk.set(f"{{{ITS}}}locQualityIssueSeverity", "150")
    mrk.set("type", "generic")
    root.find(f"{{{X2}}}file/{{{X2}}}unit").insert(0, etree.Element(f"{{{X2}}}segment"))
    errs = check_xliff21(root)
    assert any("locQualityIssueType" in e for e in errs) and any("Severity" in e for e in errs)
    assert any("type 'generic'" in e for e in errs) and any("out of order" in e for e in errs)
    root12 = etree.fromstring(annotate_xliff(F12, _reports(F12, qe=0.42))[0], safe_parser())
    tgt = root12.find(f".//{{{X12}}}target")
    tgt.set(f"{{{ITS}}}mtConfidence", "1.5")
    del root12.find(f".//{{{X12}}}file").attrib["datatype"]
    errs = check_xliff12(root12)
    assert any("mtConfidence" in e for e in errs) and any("datatype" in e for e in errs)


def test_translate_toolkit_reads_the_same_units_and_text():
    xliff = pytest.importorskip("translate.storage.xliff")
    xliff2 = pytest.importorskip("translate.storage.xliff2")
    for path, cls in ((F12, xliff.xlifffile), (F21, xliff2.Xliff2File)):
        data, _ = annotate_xliff(path, _reports(path, qe=0.42))
        a, b = cls.parsestring(path.read_bytes()), cls.parsestring(data)
        assert [u.getid() for u in a.units] == [u.getid() for u in b.units]
        assert [u.source for u in a.units] == [u.source for u in b.units]
        assert [u.target for u in a.units] == [u.target for u in b.units]
        assert any(u.target for u in b.units)


def test_qe_becomes_its_mt_confidence():
    data, _ = annotate_xliff(F12, _reports(F12, qe=0.42))
    root = etree.fromstring(data, safe_parser())
    u1 = root.xpath("//x:trans-unit[@id='u1']/x:target", namespaces={"x": X12})[0]
    assert u1.get(f"{{{ITS}}}mtConfidence") == "0.42"
    assert u1.get(f"{{{ITS}}}annotatorsRef") == "mt-confidence|mtqa:qe:toy-qe"
    data2, _ = annotate_xliff(F21, _reports(F21, qe=0.42))
    root2 = etree.fromstring(data2, safe_parser())
    confs = [m for m in root2.iter(f"{{{X2}}}mrk") if m.get(f"{{{ITS}}}mtConfidence")]
    assert len(confs) == 4 and all(m.getparent().tag == f"{{{X2}}}target" and m.getparent()[0] is m
                                   and m.getparent().text is None for m in confs)


def test_existing_mt_confidence_is_not_overwritten(tmp_path):
    src = F12.read_text(encoding="utf-8").replace(
        '<target>Nothing wrong here.</target>',
        '<target xmlns:its="http://www.w3.org/2005/11/its" its:mtConfidence="0.9"'
        ' its:annotatorsRef="mt-confidence|engine">Nothing wrong here.</target>')
    p = tmp_path / "x.xlf"
    p.write_text(src, encoding="utf-8")
    data, _ = annotate_xliff(p, _reports(p, qe=0.42))
    root = etree.fromstring(data, safe_parser())
    tgt = root.xpath("//x:trans-unit[@id='u6']/x:target", namespaces={"x": X12})[0]
    assert tgt.get(f"{{{ITS}}}mtConfidence") == "0.9" and tgt[0].get(f"{{{ITS}}}mtConfidence") == "0.42"


def test_reader_variants_whitespace_and_native_code_text(tmp_path):
    """Reports whose text collapsed whitespace, or kept <ph>{0}</ph> content (as translate-toolkit does),
    still land on the right characters; an unrelated text falls back to a whole-segment annotation."""
    d12 = dialect_of(etree.parse(str(F12), safe_parser()).getroot())
    tk = "Click here to save{0}changes changes."
    reports = {
        "u2": SegmentReport(Segment("u2", tk), (Issue("u2", "t", "Fluency/Spelling", "major", "m", Span(16, 20)),),
                            5.0, 0.6),
        "u6": SegmentReport(Segment("u6", "Something else entirely."),
                            (Issue("u6", "t", "Fluency/Spelling", "major", "m", Span(0, 9)),), 5.0, 0.6),
    }
    data, stats = annotate_xliff(F12, reports)
    root = etree.fromstring(data, safe_parser())
    m2 = _its_marks(root.xpath("//x:trans-unit[@id='u2']/x:target", namespaces={"x": X12})[0], X12)
    # the span ends inside the placeholder's "{0}": it is widened to the whole placeholder
    assert tk[16:20] == "ve{0" and len(m2) == 1 and inline_text(m2[0], d12.with_code_text()) == "ve{0}"
    m6 = _its_marks(root.xpath("//x:trans-unit[@id='u6']/x:target", namespaces={"x": X12})[0], X12)
    assert inline_text(m6[0], d12) == "Nothing wrong here." and "'Something'" in m6[0].get(
        f"{{{ITS}}}locQualityIssueComment")
    assert stats.text_mismatches == ["u6"]
    spaced = tmp_path / "ws.xlf"
    spaced.write_text(F12.read_text(encoding="utf-8").replace(
        "<target>Nothing wrong here.</target>", "<target>\n   Nothing   wrong\n  here.  </target>"), encoding="utf-8")
    data, stats = annotate_xliff(spaced, {"u6": SegmentReport(
        Segment("u6", "Nothing wrong here."), (Issue("u6", "t", "Style/Awkward", "minor", "m", Span(8, 13)),), 1, .2)})
    m = _its_marks(etree.fromstring(data, safe_parser()), X12)
    assert [inline_text(x, d12) for x in m] == ["wrong"] and stats.text_mismatches == []


def test_missing_keys_are_reported_and_units_without_reports_untouched():
    reports = _reports(F12)
    reports["nope"] = reports["u1"]
    data, stats = annotate_xliff(F12, reports)
    assert stats.missing_keys == ["nope"]
    root = etree.fromstring(data, safe_parser())
    u5 = root.xpath("//x:trans-unit[@id='u5']", namespaces={"x": X12})[0]
    assert b'<trans-unit id="u5">\n        <source>' in data and u5.find(f"{{{X12}}}note") is None


def test_encoding_bom_and_doctype_survive(tmp_path):
    text = F12.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("Poverty alleviation is", "Poverty alleviation café is")
    text = re.sub(r"[^\x00-\xff]", "?", text)  # the Chinese sources become '?' in Latin-1
    p = tmp_path / "latin.xlf"
    p.write_bytes(text.encode("latin-1"))
    data, _ = annotate_xliff(p, _reports(p))
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>') and "café".encode("latin-1") in data
    bom = tmp_path / "bom.xlf"
    bom.write_bytes(b"\xef\xbb\xbf" + F21.read_bytes().replace(
        b"<xliff ", b"<!DOCTYPE xliff>\n<xliff ", 1))
    data, _ = annotate_xliff(bom, _reports(bom))
    assert data.startswith(b"\xef\xbb\xbf<?xml") and b"<!DOCTYPE xliff>\n<xliff " in data


def test_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = F12.read_text(encoding="utf-8").replace(
        "<xliff ", f'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY lol "lollollol">]>\n<xliff ', 1)
    xml = xml.replace("<target>Nothing wrong here.</target>", "<target>Nothing &xxe; wrong &lol; here.</target>")
    p = tmp_path / "xxe.xlf"
    p.write_text(xml, encoding="utf-8")
    data, _ = annotate_xliff(p, _reports(p))
    assert b"TOP-SECRET" not in data and b"&xxe;" in data and b"&lol;" in data and b"lollollol\" " not in data


@pytest.mark.parametrize("content,needle", [(b"<xliff", "not well-formed"), (b"<html><body/></html>", "not an XLIFF")])
def test_bad_input_is_one_clear_error(tmp_path, content, needle):
    p = tmp_path / "bad.xlf"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        annotate_xliff(p, {})
    assert str(p) in str(err.value) and needle in str(err.value)


def test_annotate_writes_atomically_to_a_path(tmp_path):
    out = tmp_path / "out.xlf"
    data, _ = annotate_xliff(F21, _reports(F21), out)
    assert out.read_bytes() == data and not list(tmp_path.glob("*.part"))


# ----------------------------------------------------------------------------- fresh documents

@pytest.fixture(scope="module")
def article_reports():
    return list(score_segments(read_document(ARTICLE)))


def _write(writer_cls, reports, meta=None):
    buf = io.StringIO()
    w = writer_cls(buf)
    w.begin(meta or {"input": str(ARTICLE), "tgt_lang": "en", "signature": "sig", "segments": len(reports)})
    for r in reports:
        w.write(r)
    w.end({})
    return buf.getvalue()


@pytest.mark.parametrize("writer,check,unit", [(Xliff12Writer, check_xliff12, "trans-unit"),
                                               (Xliff21Writer, check_xliff21, "unit")])
def test_fresh_xliff_of_the_article(article_reports, writer, check, unit):
    xml = _write(writer, article_reports)
    root = etree.fromstring(xml.encode("utf-8"), safe_parser())
    assert check(root) == []
    d = dialect_of(root)
    ns = d.ns
    units_ = list(root.iter(f"{{{ns}}}{unit}"))
    assert len(units_) == len(article_reports)
    name = "resname" if unit == "trans-unit" else "name"
    assert [u.get(name) for u in units_] == [r.segment.seg_id for r in article_reports]
    n_span = 0
    for u, r in zip(units_, article_reports):
        tgt = u.find(f".//{{{ns}}}target")
        assert inline_text(tgt, d) == r.segment.target
        marks = _its_marks(tgt, ns)
        for issue in r.issues:
            if issue.span is None:
                continue
            n_span += 1
            frag = r.segment.target[issue.span.start:issue.span.end]
            assert any(inline_text(m, d) == frag and m.get(f"{{{ITS}}}locQualityIssueType") == issue_type(issue)
                       and float(m.get(f"{{{ITS}}}locQualityIssueSeverity")) == ITS_SEVERITY[issue.severity]
                       for m in marks), (r.segment.seg_id, frag)
    assert n_span >= 27  # the article's 27 glued words at least
    assert xml.count('xmlns="') == 1  # namespaces declared once, on <xliff>


def test_fresh_xliff_round_trips_through_translate_toolkit(article_reports, tmp_path):
    xliff = pytest.importorskip("translate.storage.xliff")
    xliff2 = pytest.importorskip("translate.storage.xliff2")
    for writer, cls in ((Xliff12Writer, xliff.xlifffile), (Xliff21Writer, xliff2.Xliff2File)):
        store = cls.parsestring(_write(writer, article_reports).encode("utf-8"))
        assert [u.target for u in store.units] == [r.segment.target for r in article_reports]
        assert len({u.getid() for u in store.units}) == len(article_reports)


def test_fresh_xliff_with_source_qe_and_odd_ids():
    segs = [Segment("a b<1>", "Hello wrold.", source="你好世界。", src_lang="zh", doc_id="d1"),
            Segment("a b<1>", "Second.", source="第二。", src_lang="zh", doc_id="d1"),
            Segment("x", "Other doc.", source="别的。", src_lang="zh", doc_id="d2")]
    issue = Issue("a b<1>", "t", "Fluency/Spelling", "minor", "typo", Span(6, 11), suggestion="world")
    reports = [SegmentReport(segs[0], (issue,), 1.0, 0.3, QEResult(-0.2, 0.25, "cometkiwi")),
               SegmentReport(segs[1], (), 0.0, 0.0), SegmentReport(segs[2], (), 0.0, 0.0)]
    meta = {"input": "in.jsonl", "src_lang": "zh", "tgt_lang": "en", "signature": "s"}
    for writer, check in ((Xliff12Writer, check_xliff12), (Xliff21Writer, check_xliff21)):
        root = etree.fromstring(_write(writer, reports, meta).encode("utf-8"), safe_parser())
        assert check(root) == []
        d = dialect_of(root)
        assert len(root.findall(d.q("file"))) == 2
        ids = [u.get("id") for u in root.iter(d.q("trans-unit" if d.version == 1 else "unit"))]
        assert ids[0] == "a_b_1_" and ids[1] == "a_b_1__2" and ids[2] == "x"
        assert [inline_text(s, d) for s in root.iter(d.q("source"))] == ["你好世界。", "第二。", "别的。"]
        conf = [e.get(f"{{{ITS}}}mtConfidence") for e in root.iter() if e.get(f"{{{ITS}}}mtConfidence")]
        assert conf == ["0.25"]


def test_its_vocabulary_is_closed():
    from mtqa.mqm import CATEGORIES
    assert {issue_type(Issue("s", "d", c, "minor", "m")) for c in CATEGORIES} <= ISSUE_TYPES
    assert issue_type(Issue("s", "d", "Made up/Thing", "minor", "m")) == "other"
    assert ITS_SEVERITY == {"neutral": 0, "minor": 10, "major": 50, "critical": 100}


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_cli_xliff_formats(tmp_path, fmt):
    out = tmp_path / f"r.{fmt}.xlf"
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    root = etree.parse(str(out), safe_parser()).getroot()
    assert (check_xliff12 if fmt == "xliff" else check_xliff21)(root) == []
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", fmt, "-o", str(out), "--fail-on", "major"])
    assert res.exit_code == 1 and "--fail-on major" in res.output
    assert etree.parse(str(out), safe_parser()).getroot() is not None  # still written whole
    assert Path(out).read_text(encoding="utf-8").rstrip().endswith("</xliff>")


def test_annotate_writer_streams_reports_keyed_by_segment_id():
    from mtqa.report.xliff import XliffAnnotateWriter
    reports = _reports(F21, qe=0.5)
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    w = XliffAnnotateWriter(out, original=str(F21))
    w.begin({})
    for key, r in reports.items():
        w.write(r)  # the segment ids are the unit/segment keys
    w.end({})
    out.flush()
    assert raw.getvalue() == annotate_xliff(F21, reports)[0]
    assert w.stats.missing_keys == [] and w.stats.segments_annotated == len(reports)


def test_cli_bilingual_jsonl_to_xliff_keeps_sources_and_languages(tmp_path):
    case = ROOT / "tests" / "fixtures" / "cases" / "001-untranslated-copy-zh-en" / "segments.jsonl"
    for fmt, check in (("xliff", check_xliff12), ("xliff2", check_xliff21)):
        out = tmp_path / f"c.{fmt}"
        assert CliRunner().invoke(main, ["score", str(case), "--format", fmt, "-o", str(out)]).exit_code == 0
        root = etree.parse(str(out), safe_parser()).getroot()
        assert check(root) == []
        d = dialect_of(root)
        lang = root.get("srcLang") if d.version == 2 else root.find(d.q("file")).get("source-language")
        assert lang == "zh"
        sources = [inline_text(s, d) for s in root.iter(d.q("source"))]
        assert sources[0] == "这个方案行不通。" and len(sources) == 8


def test_a_unit_report_is_not_copied_onto_several_segments():
    rep = _reports(F12)["u4::2"]
    data, stats = annotate_xliff(F12, {"u4": rep})
    assert stats.missing_keys == ["u4"] and stats.segments_annotated == 0
    assert data == annotate_xliff(F12, {})[0]


@pytest.mark.parametrize("path", [F12, F21])
def test_no_reports_no_change(path):
    assert annotate_xliff(path, {})[0] == path.read_bytes()


def test_issues_of_a_unit_without_target_go_to_its_note():
    rep = SegmentReport(Segment("u5", ""), (Issue("u5", "omission", "Accuracy/Omission", "critical", "no target"),),
                        10.0, 0.86)
    data, stats = annotate_xliff(F12, {"u5": rep})
    root = etree.fromstring(data, safe_parser())
    note = root.xpath("//x:trans-unit[@id='u5']/x:note", namespaces={"x": X12})[0]
    assert stats.issues_unplaced == 1 and "retranslate" in note.text and "Accuracy/Omission" in note.text
    assert check_xliff12(root) == []
