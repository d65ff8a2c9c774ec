"""Fuzz mtqa's input side with hypothesis: hostile files in, only InputError or a sound report out.

Each generated input is a file (plain text, line-aligned pair, JSONL, TSV/CSV, or
XML for ``parse_xml``) built from arbitrary Unicode (surrogates, controls, NUL,
bidi marks, every line break), arbitrary bytes, BOMs and legacy encodings,
broken JSON and ragged tables. For each one the script checks that

* reading raises nothing but ``mtqa.io.InputError``;
* the pipeline returns every segment exactly once, in order, with every span
  inside its text; a target-only document's segments cover each non-space
  character once, at their offsets;
* every report format is written (JSONL/JSON parse, XLIFF is well-formed) and
  the JSONL report is the same on a second run (every 8th input);
* the CLI (every 16th input) exits 0 or 1 without an internal error.

Anything else is a crash: the input is saved under ``--crash-dir`` and counted.
Runs for ``--minutes`` (rounds of hypothesis examples with fresh seeds) and
prints the number of inputs tried, the rate and the crashes found::

    python scripts/fuzz_inputs.py --minutes 10
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mtqa.io import InputError, open_input  # noqa: E402
from mtqa.io.xmlsafe import parse_xml  # noqa: E402
from mtqa.pipeline import load_detectors, score_segments  # noqa: E402
from mtqa.report import WRITERS  # noqa: E402

FORMATS = ("text", "jsonl", "json", "csv", "tsv", "xliff", "xliff2")
PIECES = ["。", "！", "？", "“", "”", "‘", "’", '"', "'", "(", ")", "（", "）", "《", "》", "「", "」", "[", "]",
          ".", "..", "…", ",", ",,", ";", ":", "!", "?", " ", "  ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c",
          "\x1c", "\x85", "\u2028", "\u2029", "\x00", "\x1b[2J", "\x7f", "\u202e", "\u2066", "\ufeff", "\u200b",
          "\ufffd", "锟斤拷", "Ã©", "â€”", "http://", "https://x.com/a?b=1", "www.", "a.com", ".com", "a@b.org",
          "<b>", "</b>", "&amp;", "&lt;b&gt;", "{0}", "%s", "[ad_1]", "Mr.", "e.g.", "No.", "U.S.", "5.99",
          "relocation relocation", "developmentjobsKey", "facilityinsurance", "stabiliterance", "Luoshan",
          "会议将于下午三点开始", "這個方案", "東京", "안녕", "Привет", "café", "naïve", "ß", "İ", "ﬁ", "\U0001F600",
          "a" * 70, "b " * 40, "(" * 20, ")" * 20, "x" * 1100]
XLIFF_MAX_ISSUES = 60
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "big5", "latin-1",
             "cp1252", "shift_jis")

text_st = st.lists(st.one_of(st.text(st.characters(blacklist_categories=()), max_size=30),
                             st.sampled_from(PIECES)), max_size=40).map("".join)


@st.composite
def encoded(draw, text):
    enc = draw(st.sampled_from(ENCODINGS))
    data = text.encode(enc, errors=draw(st.sampled_from(["replace", "ignore", "surrogatepass", "xmlcharrefreplace"]))
                       ) if enc.startswith("utf-8") else text.encode(enc, errors="replace")
    return data, enc


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | text_st,
                          lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                          max_leaves=6)


@st.composite
def jsonl_file(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 9))
        if kind <= 6:
            rec = {"id": draw(st.one_of(st.integers(), text_st, st.none())), "target": draw(text_st)}
            if draw(st.booleans()):
                rec["source"] = draw(text_st)
            for key in ("src_lang", "tgt_lang", "doc_id", "system", "reference"):
                if draw(st.integers(0, 5)) == 0:
                    rec[key] = draw(st.one_of(st.sampled_from(["zh", "en", "fr", "ja", "xx", ""]), json_value))
            line = json.dumps(rec, ensure_ascii=draw(st.booleans()))
        elif kind == 7:
            line = json.dumps(draw(json_value))
        elif kind == 8:
            line = draw(text_st).replace("\n", " ")
        else:
            line = ""
        if draw(st.integers(0, 7)) == 0 and line:
            cut = draw(st.integers(0, len(line)))
            line = line[:cut]
        lines.append(line)
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = sep.join(lines) + draw(st.sampled_from(["", sep]))
    return text.encode("utf-8", "surrogatepass")


@st.composite
def table_file(draw):
    delim = draw(st.sampled_from(["\t", ","]))
    rows = []
    if draw(st.booleans()):
        rows.append(delim.join(draw(st.lists(st.sampled_from(["id", "source", "target", "mt", "x", ""]),
                                              min_size=1, max_size=4))))
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(text_st, min_size=1, max_size=4))
        rows.append(delim.join(c.replace("\n", " ") if draw(st.booleans()) else c for c in cells))
    data = "\n".join(rows).encode("utf-8", "surrogatepass")
    return data, ("tsv" if delim == "\t" else "csv")


XML_PIECES = ['<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
              '<!ENTITY b SYSTEM "file:///etc/passwd">', "&a;", "&b;", "&amp;", "&#0;", "&#x1F600;", "<xliff>",
              "</xliff>", '<file source-language="zh">', "</file>", '<trans-unit id="1">', "</trans-unit>",
              "<source>", "</source>", "<target>", "</target>", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>",
              "<", ">", "'", '"', "\x00", "中文"]


@st.composite
def xml_file(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(XML_PIECES), text_st), max_size=20))
    return "".join(parts).encode(draw(st.sampled_from(["utf-8", "utf-16", "gb18030"])), "replace")


@st.composite
def case(draw):
    kind = draw(st.sampled_from(["text", "text", "pair", "jsonl", "table", "bytes", "xml"]))
    if kind == "text":
        data, enc = draw(encoded(draw(text_st)))
        return {"kind": kind, "files": {"doc.txt": data}, "fmt": "text",
                "encoding": draw(st.sampled_from([None, None, enc, "utf-8", "gb18030", "latin-1", "nonsense"]))}
    if kind == "pair":
        return {"kind": kind, "files": {"t.txt": draw(encoded(draw(text_st)))[0],
                                        "s.txt": draw(encoded(draw(text_st)))[0]}, "fmt": "text", "encoding": None,
                "aligned": draw(st.booleans())}
    if kind == "jsonl":
        return {"kind": kind, "files": {"d.jsonl": draw(jsonl_file())}, "fmt": "jsonl",
                "skip_bad": draw(st.booleans()), "encoding": None}
    if kind == "table":
        data, fmt = draw(table_file())
        return {"kind": kind, "files": {f"d.{fmt}": data}, "fmt": fmt, "skip_bad": draw(st.booleans()),
                "encoding": None}
    if kind == "bytes":
        return {"kind": kind, "files": {"b.txt": draw(st.binary(max_size=300))},
                "fmt": draw(st.sampled_from(["text", "jsonl", "tsv", "csv"])), "encoding": None}
    return {"kind": kind, "files": {"x.xml": draw(xml_file())}, "fmt": "xml"}


class Checker:
    """Runs one case and asserts the invariants; counts what happened."""

    def __init__(self, workdir: Path) -> None:
        self.dets = load_detectors()
        self.workdir = workdir
        self.n = 0
        self.rejected = 0

    def run(self, c: dict) -> None:
        self.n += 1
        d = Path(tempfile.mkdtemp(dir=self.workdir))
        try:
            for name, data in c["files"].items():
                (d / name).write_bytes(data)
            if c["fmt"] == "xml":
                try:
                    parse_xml(d / "x.xml")
                except InputError:
                    self.rejected += 1
                return
            names = list(c["files"])
            doc_path = d / names[0]
            src = d / names[1] if c["kind"] == "pair" else None
            try:
                doc = open_input(doc_path, c["fmt"], src, None, None, c.get("encoding"),
                                 skip_bad=c.get("skip_bad", False), aligned=c.get("aligned", False),
                                 align_method="length", detect_languages=True)
            except InputError:
                self.rejected += 1
                return
            segs = list(doc)
            assert len(segs) == doc.segments, (len(segs), doc.segments)
            if c["fmt"] == "text" and src is None:
                self._coverage(doc, segs)
            out1 = self._reports(segs)
            if self.n % 8 == 0:
                assert self._reports(list(doc)) == out1, "the same input gave a different report"
            if self.n % 16 == 0:
                self._cli(doc_path, c, src)
        finally:
            for f in d.iterdir():
                f.unlink()
            d.rmdir()

    def _coverage(self, doc, segs) -> None:
        from mtqa.io.decode import open_text
        with open_text(doc.encoding) as fh:
            text = fh.read()
        seen = bytearray(len(text))
        for s in segs:
            assert text[s.offset.start:s.offset.end] == s.target, s.seg_id
            for k in range(s.offset.start, s.offset.end):
                assert not seen[k], f"character {k} in two segments"
                seen[k] = 1
        missed = [k for k in range(len(text)) if not seen[k] and not text[k].isspace()]
        assert not missed, f"characters not in any segment: {missed[:5]}"

    def _reports(self, segs) -> str:
        reports = list(score_segments(segs, self.dets))
        assert [r.segment for r in reports] == segs, "segments lost, added or reordered"
        for r in reports:
            for i in r.issues:
                text = r.segment.target if i.side == "target" else r.segment.source
                assert text is not None, (i.detector, "issue on a missing source")
                if i.span is not None:
                    assert 0 <= i.span.start <= i.span.end <= len(text), (i.detector, i.span, len(text))
        outputs = {}
        # The XLIFF annotator is quadratic in the issues of one segment (400 issues: 3 s); a fuzz input
        # with hundreds of issues would stall the run, so XLIFF is written only for the usual case.
        formats = FORMATS if sum(len(r.issues) for r in reports) <= XLIFF_MAX_ISSUES else \
            tuple(f for f in FORMATS if not f.startswith("xliff"))
        meta = {"input": "x", "segments": len(segs), "mode": "bilingual", "signature": "s", "version": "0"}
        from mtqa.pipeline import Summary
        for fmt in formats:
            buf = io.StringIO()
            w = WRITERS.get(fmt)(buf, rows="segment", show_ok=True, color=False)
            w.begin(dict(meta))
            summary = Summary()
            for r in reports:
                w.write(r)
                summary.add(r)
            w.end(summary.to_dict())
            outputs[fmt] = buf.getvalue()
        recs = [json.loads(x) for x in outputs["jsonl"].splitlines()]
        assert [x["seg_id"] for x in recs if x["type"] == "segment"] == [s.seg_id for s in segs]
        json.loads(outputs["json"])
        from lxml import etree
        for fmt in ("xliff", "xliff2"):
            if fmt in outputs:
                etree.fromstring(outputs[fmt].encode("utf-8"))
        return outputs["jsonl"]

    def _cli(self, doc_path, c, src) -> None:
        from click.testing import CliRunner

        from mtqa.cli import main
        args = ["score", str(doc_path), "--format", "jsonl", "--input-format", c["fmt"]]
        if src is not None:
            args += ["--source", str(src), "--align", "length"] + (["--aligned"] if c.get("aligned") else [])
        if c.get("encoding"):
            args += ["--encoding", c["encoding"]]
        if c.get("skip_bad"):
            args.append("--skip-bad")
        res = CliRunner().invoke(main, args)
        assert res.exit_code in (0, 1), (res.exit_code, res.output[-500:])
        assert "internal error" not in res.output and "Traceback" not in res.output, res.output[-500:]
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            raise res.exception


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--examples-per-round", type=int, default=500)
    ap.add_argument("--crash-dir", default="fuzz-crashes")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    crash_dir = Path(args.crash_dir)
    work = Path(tempfile.mkdtemp(prefix="mtqa-fuzz-"))
    checker = Checker(work)
    deadline = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    crashes: list[str] = []
    rnd = args.seed
    while time.monotonic() < deadline:
        rnd += 1

        @seed(rnd)
        @settings(max_examples=args.examples_per_round, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), print_blob=True)
        @given(case())
        def one(c):
            if time.monotonic() > deadline:
                return
            checker.run(c)

        try:
            one()
        except Exception as exc:  # noqa: BLE001 - a crash to record, then carry on
            crash_dir.mkdir(parents=True, exist_ok=True)
            text = "".join(traceback.format_exception(exc))
            path = crash_dir / f"crash-{len(crashes) + 1}.txt"
            path.write_text(f"seed {rnd}\n{text}", encoding="utf-8", errors="replace")
            crashes.append(f"{type(exc).__name__}: {str(exc)[:200]} (seed {rnd}, {path})")
            print(f"CRASH {crashes[-1]}", flush=True)
        elapsed = time.monotonic() - start
        print(f"{elapsed / 60:5.1f} min  inputs {checker.n}  rejected as bad input {checker.rejected}  "
              f"crashes {len(crashes)}", flush=True)
    elapsed = time.monotonic() - start
    print(json.dumps({"minutes": round(elapsed / 60, 2), "inputs": checker.n, "rejected": checker.rejected,
                      "inputs_per_second": round(checker.n / elapsed, 1), "crashes": crashes}, ensure_ascii=False))
    os.rmdir(work) if not any(work.iterdir()) else None


if __name__ == "__main__":
    main()
