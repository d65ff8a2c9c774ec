"""How a run ends: interrupted or terminated runs leave no report and no temporary file; internal errors are
one line; the exit codes are the documented ones."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import ARTICLE, ROOT
from mtqa.cli import main


def _big_input(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    p = tmp_path / "big.txt"
    p.write_text((text + "\n") * 40, encoding="utf-8")  # ~430 kB: tens of seconds to score
    return p


def _start(tmp_path, out):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "mtqa", "score", str(_big_input(tmp_path)), "--format", "jsonl",
                             "-o", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_for_partial(tmp_path, proc, timeout=120):
    """Wait until the temporary report exists and has records in it (the run is half-way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = list(tmp_path.glob(".*.part"))
        if parts and parts[0].stat().st_size > 2000:
            return parts[0]
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be interrupted: {proc.stderr.read()}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail("no partial report appeared")


@pytest.mark.parametrize("sig,code,word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_signal_mid_run_leaves_no_report_and_no_temporary_file(tmp_path, sig, code, word):
    out = tmp_path / "report.jsonl"
    proc = _start(tmp_path, out)
    _wait_for_partial(tmp_path, proc)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert stderr.strip() == f"mtqa: {word}; no report written"  # one line, no traceback
    assert not out.exists()
    assert not list(tmp_path.glob(".*.part")) and not list(tmp_path.glob("*.part"))


def test_an_internal_error_is_one_line_with_a_hint(monkeypatch, tmp_path):
    import mtqa.pipeline

    def broken(*a, **k):
        raise RuntimeError("something impossible\nhappened")
    monkeypatch.setattr(mtqa.pipeline, "score_segments", broken)
    out = tmp_path / "r.jsonl"
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtqa: internal error: RuntimeError: something impossible happened")
    assert "--debug" in lines[0] and "MTQA_DEBUG=1" in lines[0] and "Traceback" not in res.output
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    res = CliRunner().invoke(main, ["--debug", "score", str(ARTICLE)])
    assert isinstance(res.exception, RuntimeError)  # --debug lets the traceback through
    res = CliRunner().invoke(main, ["score", str(ARTICLE)], env={"MTQA_DEBUG": "1"})
    assert isinstance(res.exception, RuntimeError)


def test_a_detector_crash_names_the_segment(monkeypatch):
    from mtqa.detectors.punctuation import Punctuation

    def boom(self, segment, profile):
        raise ZeroDivisionError("oops")
    monkeypatch.setattr(Punctuation, "detect", boom)
    res = CliRunner().invoke(main, ["score", str(ARTICLE)])
    assert res.exit_code == 1 and "detector 'punctuation' failed on segment" in res.output
    assert "this is a bug in mtqa" in res.output and "Traceback" not in res.output


def test_closed_stdout_exits_quietly_with_141(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = f"{sys.executable} -m mtqa score {_big_input(tmp_path)} --format jsonl | head -c 100 > /dev/null; " \
          "exit ${PIPESTATUS[0]}"
    proc = subprocess.run(["bash", "-c", cmd], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 141, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def test_usage_error_is_2_and_fail_on_is_1(tmp_path):
    assert CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "nope"]).exit_code == 2
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--fail-on", "major", "--format", "jsonl"])
    assert res.exit_code == 1
    assert json.loads(res.stdout.splitlines()[-1])["type"] == "summary"  # the report is still whole
