"""Command line: ``mtqa score``, ``mtqa detectors``. Parses arguments and calls the library.

Exit codes: 0 ok; 1 bad input, a failure, or findings at or above ``--fail-on``; 2 usage error.
"""
from __future__ import annotations

import sys

import click

from . import __version__


def _csv_list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtqa")
def main() -> None:
    """mtqa: find what is wrong in machine-translated text, where, and how badly."""


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--source", "source", type=click.Path(dir_okay=False), help="Source document (plain text, line-aligned).")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "jsonl", "json", "csv"]), help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write the report here (default stdout).")
@click.option("--input-format", type=click.Choice(["text", "jsonl", "tsv", "csv"]), help="Input format (default: from the extension).")
@click.option("--src-lang", help="Source language code (zh, en, ...).")
@click.option("--tgt-lang", help="Target language code (default en, or the file's own).")
@click.option("--encoding", help="Input encoding when it is not UTF-8 (gb18030, big5, latin-1, ...).")
@click.option("--detectors", "detectors", help="Comma-separated detectors to run (default all; see `mtqa detectors`).")
@click.option("--exclude", help="Comma-separated detectors to skip.")
@click.option("--weights", default=None, help='MQM weights spec, e.g. "minor:1 major:5 critical:10 minor/Fluency/Punctuation:0.1".')
@click.option("--csv-rows", type=click.Choice(["segment", "issue"]), default="segment", show_default=True,
              help="CSV: one row per segment or per issue.")
@click.option("--show-ok", is_flag=True, help="Text report: list segments without issues too.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal).")
@click.option("--fail-on", type=click.Choice(["minor", "major", "critical"]),
              help="Exit with status 1 when any issue is at least this severe.")
@click.option("--qe", "qe_spec", default="auto", show_default=True, metavar="none|auto|NAME[:PATH]",
              help="QE model: auto = the default model when a source is present and mtqa[qe] is installed; "
                   "e5-small-qe, hf:FOLDER, comet:CKPT (see mtqa.qe).")
def score(document, source, fmt, output, input_format, src_lang, tgt_lang, encoding, detectors, exclude, weights,
          csv_rows, show_ok, color, fail_on, qe_spec) -> None:
    """Check DOCUMENT and report every segment's issues, MQM penalty and priority.

    DOCUMENT is plain text (split into sentences), JSONL or TSV/CSV with source and
    target columns. Every input segment appears in the report, in input order,
    with its id (the text report lists only segments with issues, worst first).
    """
    from .io import InputError, read_document
    from .mqm import DEFAULT_WEIGHTS, Weights
    from .pipeline import DetectorError, Summary, load_detectors, score_segments, signature
    from .report import WRITERS, open_output
    from .types import severity_rank

    try:
        weight_spec = weights or DEFAULT_WEIGHTS
        w = Weights.parse(weight_spec)
        dets = load_detectors(_csv_list(detectors) or None, _csv_list(exclude))
        segments = read_document(document, input_format, source, src_lang, tgt_lang, encoding)
    except (InputError, KeyError, ValueError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None
    has_source = any(s.source is not None for s in segments)
    from .qe.select import choose_qe
    try:
        qe, qe_note = choose_qe(qe_spec, has_source)
    except Exception as exc:  # noqa: BLE001 - unknown name, missing extra, bad path: one clear line
        raise click.ClickException(f"--qe {qe_spec}: {exc.args[0] if exc.args else exc}") from None
    meta = {"input": document, "source": source, "segments": len(segments), "src_lang": src_lang,
            "tgt_lang": tgt_lang or (segments[0].tgt_lang if segments else None),
            "mode": "bilingual" if has_source else "target-only",
            "signature": signature(dets, weight_spec, qe.name if qe else None), "version": __version__}
    if not has_source:
        meta["note"] = ("target-only mode: checks that compare with the source (omission, copies, numbers) "
                        "and source-based QE need a source (--source or a source column)")
    if qe_note and has_source:
        meta["note"] = qe_note
    stdout = sys.stdout
    use_color = (color if color is not None else (output in (None, "-") and stdout.isatty())) and fmt == "text"
    worst = -1
    try:
        with open_output(output, stdout) as out:
            writer = WRITERS.get(fmt)(out, rows=csv_rows, show_ok=show_ok, color=use_color)
            writer.begin(meta)
            summary = Summary()
            for report in score_segments(segments, dets, qe=qe, weights=w):
                writer.write(report)
                summary.add(report)
                for issue in report.issues:
                    worst = max(worst, severity_rank(issue.severity))
            writer.end(summary.to_dict())
    except DetectorError as exc:
        raise click.ClickException(f"{document}: internal error: {exc}") from None
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write the report: {exc.strerror}") from None
    if fail_on and worst >= severity_rank(fail_on):
        click.echo(f"mtqa: issues at or above {fail_on} found (--fail-on {fail_on})", err=True)
        sys.exit(1)


@main.command("detectors")
def list_detectors() -> None:
    """List the detectors with their MQM category, default severity and title."""
    from .detectors import DETECTORS
    for name in DETECTORS.names():
        cls = DETECTORS.get(name)
        src = " (needs source)" if cls.needs_source else ""
        click.echo(f"{name:<16} {cls.category:<28} {cls.severity:<9} {cls.title()}{src}")


if __name__ == "__main__":  # pragma: no cover
    main()
