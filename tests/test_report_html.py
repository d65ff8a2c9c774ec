"""HTML report: self-contained, escaped, CSP-locked; filters and highlights checked in headless Chromium.

The browser tests use Debian's Chromium (/usr/bin/chromium) through Playwright and skip with a reason
when either is missing (a user's clone); CI installs both and sets MTQA_REQUIRE_BROWSER=1 so that
there they fail instead of skipping. The page is loaded from file://, so they run with the network cut.
"""
import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ARTICLE, ROOT
from mtqa.cli import main
from mtqa.io import read_document
from mtqa.pipeline import Summary, score_segments
from mtqa.report.html import HtmlWriter, _pieces
from mtqa.types import Issue, QEResult, Segment, SegmentReport, Span

EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
IMG = EVIL.index("<img src=")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _segment_reports():
    """Five hand-made segments: categories, severities and detectors chosen so each filter has a known effect."""
    def rep(sid, text, issues, pen, prio, qe=None):
        seg = Segment(sid, text, doc_id="d")
        iss = tuple(Issue(sid, det, cat, sev, msg, span, suggestion=sug) for det, cat, sev, msg, span, sug in issues)
        return SegmentReport(seg, iss, pen, prio, QEResult(0.1, qe, "toy") if qe is not None else None)
    return [
        rep("s1", "Fine sentence.", [], 0.0, 0.0),
        rep("s2", "The developmentjobsKey plan.", [("glued_words", "Fluency/Spelling", "major", "glued words",
                                                    Span(4, 22), "development jobs Key")], 5.0, 0.63),
        rep("s3", EVIL, [("markup", "Design/Markup", "minor", "tag <script> in text", Span(0, 8), ""),
                         ("markup", "Design/Markup", "minor", "img tag", Span(IMG, IMG + 9), None)], 2.0, 0.33),
        rep("s4", "He said 东方 twice twice.", [("untranslated", "Accuracy/Untranslated text", "critical", "Han text",
                                              Span(8, 10), None),
                                             ("repetition", "Fluency/Repetition", "minor", "repeated word",
                                              Span(11, 22), "twice")], 11.0, 0.89, qe=0.2),
        rep("s5", "(Source: somewhere)", [("markup", "Other/Non-content", "neutral", "page furniture", None, None)],
            0.0, 0.0),
    ]


def _html(reports, meta=None):
    buf = io.StringIO()
    w = HtmlWriter(buf)
    w.begin(meta or {"input": "doc.txt", "signature": "sig", "version": "0", "note": "target-only <mode>"})
    s = Summary()
    for r in reports:
        w.write(r)
        s.add(r)
    w.end(s.to_dict())
    return buf.getvalue()


def test_pieces_cut_at_every_boundary():
    issues = [(0, Issue("s", "d", "C", "minor", "m", Span(2, 6))), (1, Issue("s", "d", "C", "major", "m", Span(4, 8))),
              (2, Issue("s", "d", "C", "minor", "m", Span(9, 9)))]
    got = [(p["text"], p["issues"], p["point"]) for p in _pieces("0123456789", issues)]
    assert got == [("01", [], False), ("23", [0], False), ("45", [0, 1], False), ("67", [1], False),
                   ("8", [], False), ("", [2], True), ("9", [], False)]


def _tags(page):
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, attrs))
    p = P()
    p.feed(page)
    return p.tags


def test_page_is_self_contained_escaped_and_locked():
    page = _html(_segment_reports())
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert '">&lt;script&gt;</mark>window.__pwned = 1&lt;/script&gt;' in page
    assert "target-only &lt;mode&gt;" in page
    tags = _tags(page)
    assert [t for t, _ in tags if t == "script"] == ["script"]
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a in ("src", "href", "srcset", "action", "data")]
    assert not {"img", "link", "iframe", "object", "embed", "audio", "video"} & {t for t, _ in tags}
    assert "url(" not in page and "@import" not in page
    assert not re.search(r"https?://", page.replace("http://www.w3.org", ""))
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_segments_are_sorted_worst_first_with_every_span_marked():
    page = _html(_segment_reports())
    order = re.findall(r'data-seg-id="([^"]+)"', page)
    assert order == ["s4", "s2", "s3", "s1", "s5"]
    s4 = page[page.index('data-seg-id="s4"'):page.index('data-seg-id="s2"')]
    assert re.search(r'<mark class="iss sev-critical"[^>]*data-iss="0"[^>]*>东方</mark>', s4)
    assert re.search(r'<mark class="iss sev-minor"[^>]*data-iss="1"[^>]*>twice twice</mark>', s4)
    assert 'data-tip="Accuracy/Untranslated text · critical · untranslated\nHan text">' in s4
    assert 'class="badge band-retranslate"' in s4 and "QE <b>0.20</b>" in s4


def test_cli_html_for_the_article(tmp_path):
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "developmentjobsKey</mark>" in page
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "html", "-o", str(out), "--fail-on", "major"])
    assert res.exit_code == 1 and out.read_text(encoding="utf-8").rstrip().endswith("</html>")


# ----------------------------------------------------------------------------- headless Chromium

def _chromium():
    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    reason = None
    if path is None:
        reason = "needs Debian's chromium (apt-get install chromium); CI installs it"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "needs playwright (pip install -e '.[test]')"
    if reason:
        if os.environ.get("MTQA_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (MTQA_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    exe = _chromium()
    from playwright.sync_api import sync_playwright
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=exe, headless=True, args=FLAGS,
                                                   viewport={"width": 1280, "height": 900})
        yield ctx
        ctx.close()


def _open(browser, tmp_path, page_html):
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready='1']", timeout=10000)
    return page, errors


def _visible(page):
    return page.evaluate("() => [...document.querySelectorAll('article.seg')].filter(a => !a.hidden)"
                         ".map(a => a.dataset.segId)")


def test_filters_in_the_browser(browser, tmp_path):
    page, errors = _open(browser, tmp_path, _html(_segment_reports()))
    assert errors == []
    assert _visible(page) == ["s4", "s2", "s3", "s5"]
    assert page.inner_text("#shown") == "4"
    page.uncheck("input[name=category][value='Fluency/Spelling']")
    assert _visible(page) == ["s4", "s3", "s5"]
    page.uncheck("input[name=severity][value=minor]")
    assert _visible(page) == ["s4", "s5"]
    # s4's minor repetition is filtered out: its row hidden, its mark no longer highlighted
    assert page.evaluate("() => document.querySelector('[data-seg-id=s4] tr.issue[data-k=\"1\"]').hidden")
    assert page.evaluate("() => document.querySelector('[data-seg-id=s4] mark[data-iss=\"1\"]')"
                         ".classList.contains('off')")
    page.uncheck("input[name=detector][value=untranslated]")
    assert _visible(page) == ["s5"]
    page.uncheck("input[name=band][value=accept]")
    assert _visible(page) == []
    for box in page.query_selector_all("#filters input[type=checkbox]:not(#show-ok)"):
        box.check()
    page.check("#show-ok")
    assert _visible(page) == ["s4", "s2", "s3", "s1", "s5"] and page.inner_text("#shown") == "5"
    page.select_option("#sort", "document")
    assert _visible(page) == ["s1", "s2", "s3", "s4", "s5"]
    page.select_option("#sort", "priority")
    assert _visible(page)[0] == "s4"


def test_script_in_a_segment_is_shown_not_run(browser, tmp_path):
    page, errors = _open(browser, tmp_path, _html(_segment_reports()))
    assert page.evaluate("() => window.__pwned") is None
    text = page.inner_text("[data-seg-id=s3] p.target")
    assert text == EVIL
    marks = page.evaluate("() => [...document.querySelectorAll('[data-seg-id=s3] mark')].map(m => m.textContent)")
    assert marks == ["<script>", "<img src="]
    page.hover("[data-seg-id=s3] mark >> nth=0")
    tip = page.evaluate("() => getComputedStyle(document.querySelector('[data-seg-id=s3] mark'), '::after').content")
    assert "Design/Markup · minor · markup" in tip and "tag <script> in text" in tip and "suggestion: delete" in tip
    shot = tmp_path / "shot.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10000


def test_the_article_shows_every_flagged_span(browser, tmp_path):
    reports = list(score_segments(read_document(ARTICLE)))
    page, errors = _open(browser, tmp_path, _html(reports, {"input": str(ARTICLE), "signature": "s", "version": "0"}))
    assert errors == []
    got = page.evaluate("""() => {
        const out = {};
        for (const a of document.querySelectorAll('article.seg')) {
          for (const m of a.querySelectorAll('p.target mark[data-iss]')) {
            if (m.offsetParent === null || m.classList.contains('off')) continue;   // must be displayed
            for (const k of m.dataset.iss.split(' ')) {
              const key = a.dataset.segId + '#' + k;
              out[key] = (out[key] || '') + (m.classList.contains('point') ? '' : m.textContent);
            }
          }
        }
        return out;
    }""")
    want = {f"{r.segment.seg_id}#{k}": r.segment.target[i.span.start:i.span.end]
            for r in reports for k, i in enumerate(r.issues) if i.span is not None and i.side == "target"}
    assert len(want) >= 30 and got == want


def test_screenshot_script(tmp_path):
    _chromium()
    shot = tmp_path / "article.png"
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot_report.py"), str(ARTICLE), "-o", str(shot),
                          "--html", str(tmp_path / "a.html")], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr + res.stdout
    assert "all shown" in res.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50000


def _qe_only_reports():
    """An unrelated target that only QE flags (quality 0: band full) and a good translation (quality 0.9)."""
    src = "The city council approved the new budget after a long debate."
    low = SegmentReport(Segment("bad", "这只猫喜欢在窗台上晒太阳。", source=src, tgt_lang="zh"), (), 0.0, 0.5,
                        QEResult(-2.0, 0.0, "toy"))
    good = SegmentReport(Segment("good", "市议会经过长时间的辩论后批准了新预算。", source=src, tgt_lang="zh"), (), 0.0, 0.0,
                         QEResult(0.8, 0.9, "toy"))
    return low, good


def test_segment_sent_to_post_editing_by_qe_alone_is_shown():
    """No detector issue but a very low QE quality (band full): listed, not hidden; a clean one stays hidden."""
    page = _html(list(_qe_only_reports()))
    bad_tag = re.search(r'<article [^>]*data-seg-id="bad"[^>]*>', page).group(0)
    good_tag = re.search(r'<article [^>]*data-seg-id="good"[^>]*>', page).group(0)
    assert 'data-band="full"' in bad_tag and " hidden" not in bad_tag
    assert " hidden" in good_tag


def test_text_report_lists_a_segment_that_qe_alone_flags():
    from mtqa.report.text import TextWriter
    buf = io.StringIO()
    w = TextWriter(buf)
    w.begin({"input": "doc.jsonl", "signature": "sig"})
    s = Summary()
    for r in _qe_only_reports():
        w.write(r)
        s.add(r)
    w.end(s.to_dict())
    out = buf.getvalue()
    assert "[bad]" in out and "full post-edit" in out and "[good]" not in out
