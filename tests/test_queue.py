"""Post-editing queue: bands from severity, MQM penalty and QE; TOML thresholds; the work list file."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import ARTICLE
from mtqa.cli import main
from mtqa.queue import QUEUE_COLUMNS, QueueConfig, QueueWriter, band, task_id
from mtqa.types import Issue, QEResult, Segment, SegmentReport


def rep(sevs=(), penalty=None, quality=None, sid="s", cat="Fluency/Spelling"):
    from mtqa.mqm import penalty as mqm_penalty
    issues = tuple(Issue(sid, "d", c, s, "m") for s, c in ((x, cat) if isinstance(x, str) else x for x in sevs))
    pen = mqm_penalty(issues) if penalty is None else penalty
    qe = None if quality is None else QEResult(quality, quality, "toy")
    seg = Segment(sid, "the target text here", source="the source text here", doc_id="doc")
    return SegmentReport(seg, issues, pen, min(1.0, pen / 30), qe)


@pytest.mark.parametrize("report,expected", [
    (rep(), "accept"),
    (rep(["neutral", "neutral"]), "accept"),
    (rep([("minor", "Fluency/Punctuation")]), "light"),            # penalty 0.1, still a minor error
    (rep(["minor"]), "light"),
    (rep(["minor"] * 4), "light"),                                   # penalty 4 < 5
    (rep(["minor"] * 5), "full"),                                    # penalty 5: as much as one major error
    (rep(["major"]), "full"),
    (rep(["major"] * 4), "full"),                                    # 20 < 25
    (rep(["major"] * 5), "retranslate"),                             # 25: the weight of Non-translation!
    (rep(["critical"]), "retranslate"),
    (rep([("major", "Non-translation!")]), "retranslate"),           # WMT weight 25
    (rep(quality=0.9), "accept"),
    (rep(quality=0.25), "accept"),                                    # thresholds are strict: < 0.25
    (rep(quality=0.24), "light"),
    (rep(quality=0.04), "full"),
    (rep(quality=0.0), "full"),                                       # QE alone never asks for a retranslation
    (rep(["major"], quality=0.95), "full"),                          # the worst rule wins
    (rep(["minor"], quality=0.01), "full"),
])
def test_default_bands(report, expected):
    assert band(report) == expected


def test_short_segments_are_banded_by_detectors_only():
    """QE models score "WiFi" -> "WiFi" badly: a clean one-word segment stays accepted."""
    short = SegmentReport(Segment("w", "WiFi", source="WiFi", doc_id="doc"), (), 0.0, 0.0, QEResult(-2, 0.0, "toy"))
    assert band(short) == "accept"


def test_thresholds_from_toml(tmp_path):
    p = tmp_path / "mtqa.toml"
    p.write_text("[queue]\nfull_severity = \"critical\"\nfull_penalty = 10\nretranslate_penalty = 50\n"
                 "light_quality = 0.5\nfull_quality = 0.4\nretranslate_quality = 0.1\ninclude_accept = true\n"
                 "[other]\nignored = 1\n", encoding="utf-8")
    cfg = QueueConfig.from_toml(p)
    assert cfg.full_penalty == 10.0 and cfg.include_accept is True
    assert band(rep(["major"]), cfg) == "light"          # a major error alone no longer means full post-edit
    assert band(rep(["major"] * 2), cfg) == "full"       # penalty 10
    assert band(rep(["critical"]), cfg) == "retranslate"
    assert band(rep(quality=0.6), cfg) == "accept" and band(rep(quality=0.45), cfg) == "light"


@pytest.mark.parametrize("text,needle", [
    ("[queue]\nfull_penalti = 3\n", "unknown [queue] key(s) full_penalti"),
    ("[queue]\nfull_penalty = \"high\"\n", "full_penalty must be a float"),
    ("[queue]\nfull_penalty = 30\n", "ordered light <= full <= retranslate"),
    ("[queue]\nlight_quality = 0.01\n", "ordered light >= full >= retranslate"),
    ("[queue]\nlight_severity = \"neutral\"\n", "severities must be minor/major/critical"),
    ("[queue]\nlight_severity = \"fatal\"\n", "unknown severity"),
    ("[queue\n", "not valid TOML"),
    ("queue = 3\n", "[queue] must be a table"),
])
def test_bad_config_is_one_clear_error(tmp_path, text, needle):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        QueueConfig.from_toml(p)
    assert needle in str(err.value) and (str(p) in str(err.value) or needle == "unknown severity")


def test_queue_is_worst_first_with_stable_ids():
    reports = [rep(["minor"], sid="a"), rep(["major"], sid="b"), rep(sid="c"), rep(["critical"], sid="d"),
               rep(["major", "minor"], sid="e"), rep(quality=0.2, sid="f")]
    buf = io.StringIO()
    w = QueueWriter(buf, "jsonl")
    w.begin({})
    for r in reports:
        w.write(r)
    w.end({})
    items = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [i["seg_id"] for i in items] == ["d", "e", "b", "a", "f"]          # "c" is accepted: not work
    assert [i["rank"] for i in items] == [1, 2, 3, 4, 5]
    assert [i["band"] for i in items] == ["retranslate", "full", "full", "light", "light"]
    assert items[1]["title"] == "[full post-edit] e: 2 issues (Fluency/Spelling x2)"
    assert items[4]["title"] == "[light post-edit] f: low QE score" and items[4]["qe_quality"] == 0.2
    assert len({i["task_id"] for i in items}) == 5
    assert items[0]["task_id"] == task_id(rep(sid="d")) and items[0]["task_id"].startswith("mtqa-")
    assert task_id(rep(sid="d")) != task_id(SegmentReport(Segment("d", "t", doc_id="other"), (), 0, 0))


def test_cli_queue_file(tmp_path):
    out, queue = tmp_path / "r.jsonl", tmp_path / "q.csv"
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "jsonl", "-o", str(out), "--queue", str(queue)])
    assert res.exit_code == 0, res.output
    segs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()][1:-1]
    rows = list(csv.DictReader(io.StringIO(queue.read_text(encoding="utf-8"))))
    assert list(rows[0]) == QUEUE_COLUMNS
    work = [s for s in segs if s["band"] != "accept"]
    assert sorted(r["seg_id"] for r in rows) == sorted(s["seg_id"] for s in work) and len(rows) >= 15
    order = {"retranslate": 3, "full": 2, "light": 1}
    keys = [(order[r["band"]], float(r["priority"])) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert "developmentjobsKey" in queue.read_text(encoding="utf-8")
    queue2 = tmp_path / "q2.csv"
    CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "text", "-o", str(tmp_path / "t.txt"),
                              "--queue", str(queue2)])
    assert queue2.read_bytes() == queue.read_bytes()                           # stable across runs


def test_cli_queue_config_and_formats(tmp_path):
    cfg = tmp_path / "q.toml"
    cfg.write_text("[queue]\ninclude_accept = true\n", encoding="utf-8")
    q = tmp_path / "q.tsv"
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "-o", str(tmp_path / "r.txt"), "--queue", str(q),
                                    "--queue-config", str(cfg)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(q.read_text(encoding="utf-8")), delimiter="\t"))
    assert len(rows) == 60 and rows[-1]["band"] == "accept"
    bad = tmp_path / "bad.toml"
    bad.write_text("[queue]\nnope = 1\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--queue", str(q), "--queue-config", str(bad)])
    assert res.exit_code == 1 and str(bad) in res.output and "nope" in res.output and "Traceback" not in res.output


def test_fail_on_with_queue_and_new_formats(tmp_path):
    for fmt in ("html", "tsv", "xliff", "jsonl"):
        out, q = tmp_path / f"r.{fmt}", tmp_path / f"q-{fmt}.jsonl"
        res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", fmt, "-o", str(out), "--queue", str(q),
                                        "--fail-on", "major"])
        assert res.exit_code == 1, (fmt, res.output)
        assert out.stat().st_size > 1000 and q.read_text(encoding="utf-8").count("\n") >= 15
        assert CliRunner().invoke(main, ["score", str(ARTICLE), "--format", fmt, "-o", str(out),
                                         "--fail-on", "critical"]).exit_code == 0
