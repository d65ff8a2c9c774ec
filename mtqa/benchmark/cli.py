"""``mtqa benchmark``: parses arguments and calls :func:`mtqa.benchmark.run.run_benchmark`."""
from __future__ import annotations

import sys

import click

from .output import FORMATS
from .run import DEFAULT_SEED


def _csv_list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


@click.command()
@click.argument("corpus", type=click.Path(allow_dash=False))
@click.option("--pair", help="Language pair, e.g. zh-en (inferred when the corpus has one).")
@click.option("--systems", help="Comma-separated systems to rank (default: all).")
@click.option("--reference", "references", help="Comma-separated reference names to use, e.g. A or A,B "
              "(default: all; several = multi-reference BLEU/chrF/TER).")
@click.option("--metrics", default="bleu,chrf", show_default=True,
              help="Reference-based metrics: bleu, chrf, ter (comma-separated).")
@click.option("--ter", is_flag=True, help="Add TER (slow, off by default: WMT22 zh-en, 12 systems x 1875 segments, 2 references took "
                   "~17 CPU-minutes vs ~9 CPU-seconds for BLEU+chrF).")
@click.option("--chrf-plus", is_flag=True, help="chrF++ (word bigrams too) instead of chrF.")
@click.option("--tokenize", help="BLEU tokenizer (default by target language: zh, ja-mecab, ko-mecab, char, 13a).")
@click.option("--qe", "qe_spec", default=None, metavar="none|auto|NAME",
              help="QE model. Default: auto without references, none with them (QE on thousands of "
                   "segments takes minutes on a CPU).")
@click.option("--detectors", "detectors", help="Comma-separated detectors (default all; see `mtqa detectors`).")
@click.option("--exclude", help="Comma-separated detectors to skip.")
@click.option("--no-detectors", is_flag=True, help="Skip the detectors and the MQM penalty.")
@click.option("--weights", default=None, help="MQM weights spec (default: WMT weights, see `mtqa score --help`).")
@click.option("--baseline", help="System the others are tested against (default: the top-ranked one).")
@click.option("--test", "test", type=click.Choice(["bs", "ar"]), default="bs", show_default=True,
              help="Paired bootstrap resampling (bs) or approximate randomisation (ar).")
@click.option("--samples", type=click.IntRange(min=10), help="Resamples (bs, default 1000) or trials (ar, 10000).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed of every random draw.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05,
              show_default=True, help="Significance level.")
@click.option("--rank-by", help="Statistic to rank by: chrf, bleu, ter, qe, penalty, issues "
              "(default: chrf, else qe, else penalty).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write here (default stdout).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), help="Also write a PNG plot of the intervals.")
@click.option("--encoding", help="Encoding of the corpus files when not UTF-8.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
def benchmark(corpus, pair, systems, references, metrics, ter, chrf_plus, tokenize, qe_spec, detectors, exclude,
              no_detectors, weights, baseline, test, samples, seed, alpha, rank_by, fmt, output, plot_path,
              encoding, quiet) -> None:
    """Rank the systems of CORPUS with confidence intervals and significance.

    CORPUS is a folder in the WMT layout (sources/, references/, system-outputs/) or a
    table (jsonl/csv/tsv/parquet) with system, source, reference(s) and target columns.
    With references: BLEU and chrF through sacrebleu (TER with --ter), signatures
    included. Always: detector issues per 100 segments and the mean MQM penalty; QE
    when a model is available. Systems are compared with paired tests on the same
    resamples; clusters group systems that are not significantly different.
    """
    from ..io import InputError
    from ..mqm import DEFAULT_WEIGHTS
    from ..pipeline import DetectorError
    from ..report import open_output
    from .corpus import load_corpus
    from .output import write
    from .qe import QEUnavailable, resolve_qe
    from .run import BenchmarkOptions, run_benchmark

    metric_keys = tuple(dict.fromkeys(_csv_list(metrics) + (["ter"] if ter else [])))
    try:
        data = load_corpus(corpus, pair, _csv_list(systems) or None, _csv_list(references) or None, encoding)
        spec = qe_spec if qe_spec is not None else ("none" if data.references else "auto")
        qe_model, qe_note = resolve_qe(spec)
        if qe_spec is None and data.references:
            qe_note = "QE not run: off by default when there are references (--qe auto adds it)"
        options = BenchmarkOptions(
            metrics=metric_keys, chrf_word_order=2 if chrf_plus else 0, bleu_tokenize=tokenize,
            detectors=() if no_detectors else (tuple(_csv_list(detectors)) or None),
            exclude=tuple(_csv_list(exclude)), weights=weights or DEFAULT_WEIGHTS, baseline=baseline, test=test,
            samples=samples, seed=seed, alpha=alpha, rank_by=rank_by)
        progress = not quiet and sys.stderr.isatty()
        result = run_benchmark(data, options, qe=qe_model, notes=[qe_note] if qe_note else [], progress=progress)
    except (InputError, ValueError, QEUnavailable) as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None
    except DetectorError as exc:
        raise click.ClickException(f"{corpus}: internal error: {exc}") from None
    try:
        with open_output(output, sys.stdout) as out:
            write(result, fmt, out)
    except OSError as exc:
        raise click.ClickException(f"{output or 'stdout'}: cannot write: {exc.strerror}") from None
    if plot_path:
        from .plot import plot
        try:
            plot(result, plot_path)
        except ImportError:
            raise click.ClickException("--plot needs matplotlib: pip install 'mtqa[benchmark]'") from None
        except OSError as exc:
            raise click.ClickException(f"{plot_path}: cannot write the plot: {exc.strerror}") from None
        if not quiet:
            click.echo(f"plot written to {plot_path}", err=True)
