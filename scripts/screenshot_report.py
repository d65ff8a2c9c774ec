#!/usr/bin/env python3
"""Render a document's HTML report in headless Chromium and save a PNG screenshot.

    python scripts/screenshot_report.py                      # the article -> report.png
    python scripts/screenshot_report.py DOC -o shot.png --html report.html --full-page

Runs ``mtqa score DOC --format html``, opens the page from file:// in Debian's Chromium
(``/usr/bin/chromium``, driven by Playwright; no browser download), hovers the first flagged span
so that its tooltip shows, and writes the screenshot. Prints how many spans the page highlights
against how many span issues the report has, so a missing highlight is visible at once.
Needs: ``apt-get install chromium`` and ``pip install playwright`` (the ``test`` extra).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("document", nargs="?", default=str(ROOT / "corpora" / "luoshan-county.en.txt"))
    ap.add_argument("-o", "--output", default="report.png", help="PNG to write (default report.png)")
    ap.add_argument("--html", help="also keep the HTML report here")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1400)
    ap.add_argument("--full-page", action="store_true", help="capture the whole page, not just the first screen")
    args = ap.parse_args()
    if not Path(args.chromium).exists():
        sys.exit(f"no Chromium at {args.chromium}; install it (apt-get install chromium) or pass --chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("needs playwright: pip install -e '.[test]' "
                 "(never run `playwright install`: Debian's chromium is used)")

    with tempfile.TemporaryDirectory(prefix="mtqa-shot-") as tmp:
        html = Path(args.html).resolve() if args.html else Path(tmp) / "report.html"
        jsonl = Path(tmp) / "report.jsonl"
        for fmt, out in (("html", html), ("jsonl", jsonl)):
            subprocess.run([sys.executable, "-m", "mtqa", "score", args.document, "--format", fmt, "-o", str(out)],
                           check=True, cwd=ROOT)
        expected = sum(1 for line in jsonl.read_text(encoding="utf-8").splitlines()
                       for rec in [json.loads(line)] if rec["type"] == "segment"
                       for i in rec["issues"] if i["start"] is not None)
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path=args.chromium,
                                                       headless=True, args=FLAGS,
                                                       viewport={"width": args.width, "height": args.height})
            page = ctx.new_page()
            page.goto(html.as_uri())
            page.wait_for_selector("html[data-ready='1']")
            highlighted = page.evaluate(
                "() => new Set([...document.querySelectorAll('article.seg')].flatMap(a => "
                "[...a.querySelectorAll('mark[data-iss]')].flatMap(m => m.dataset.iss.split(' ')"
                ".map(k => a.dataset.segId + '#' + k)))).size")
            first = page.locator("main mark.iss").first
            if first.count():
                first.scroll_into_view_if_needed()
                page.evaluate("() => window.scrollTo(0, 0)")
                first.hover()
            page.screenshot(path=args.output, full_page=args.full_page)
            ctx.close()
    print(f"{args.output}: {highlighted} highlighted spans, {expected} span issues in the report "
          f"({'all shown' if highlighted == expected else 'MISSING ' + str(expected - highlighted)})")
    return 0 if highlighted == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())
