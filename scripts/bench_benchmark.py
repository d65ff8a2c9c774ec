"""Time and measure `mtqa benchmark` on WMT22 general (default zh-en: 12 systems x 1875 segments).

    python scripts/bench_benchmark.py                      # metrics + detectors (+ QE if mtqa.qe exists)
    python scripts/bench_benchmark.py --ter --pair en-zh   # with TER (slow), the other direction

Prints wall time and peak resident memory per phase (load, metrics, detectors, QE,
significance) with each phase's share, then peers measured in the same run:

* sacrebleu's own API (``BLEU().corpus_score`` + ``CHRF().corpus_score`` per system, same
  references) against mtqa's metrics phase;
* sacrebleu's ``PairedTest`` (paired bootstrap, same resamples, BLEU + chrF) against
  mtqa's significance phase (which also covers the detector statistics and clusters);

and how many of the organisers' ``automatic-scores.tsv`` figures (BLEU/chrF with
reference A, B and both) mtqa reproduces to two decimals.

Memory: a sampler thread reads the process's RSS (/proc/self/statm) every 20 ms and
keeps the peak per phase; ``ru_maxrss`` gives the overall peak.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtqa.benchmark.corpus import load_corpus  # noqa: E402
from mtqa.benchmark.qe import resolve_qe  # noqa: E402
from mtqa.benchmark.run import BenchmarkOptions, run_benchmark  # noqa: E402


class RssSampler(threading.Thread):
    """Peak RSS (MiB) per named phase, sampled every ``interval`` seconds."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval, self.phase, self.peaks, self.cpu = interval, "start", {}, {}
        self._cpu0 = time.process_time()
        self.page = os.sysconf("SC_PAGE_SIZE")
        self._stop_event = threading.Event()

    def rss(self) -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self.page / 2**20

    def set_phase(self, name: str) -> None:
        self._sample()
        now = time.process_time()
        self.cpu[self.phase] = self.cpu.get(self.phase, 0.0) + now - self._cpu0
        self._cpu0 = now
        self.phase = name
        self._sample()

    def _sample(self) -> None:
        r = self.rss()
        self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), r)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self._sample()
            time.sleep(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def organiser_agreement(data: Path, pair: str) -> list[tuple[str, int, int, list[str]]]:
    """(figure, matches, total, mismatching systems) for bleu/chrf x A, B, all (refs in both orders for all)."""
    from mtqa.benchmark.metrics import MetricSettings, SacrebleuMetric

    org = {}
    with open(data / "automatic-scores.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            org[(row["pair"], row["system"], row["metric"])] = float(row["score"])
    corpus = load_corpus(data, pair)
    out = []
    for refs, label in ((["A"], "A"), (["B"], "B"), (["A", "B"], "all"), (["B", "A"], "all")):
        for key in ("bleu", "chrf"):
            metric = SacrebleuMetric(key, MetricSettings(corpus.tgt_lang), [corpus.references[r] for r in refs],
                                     len(corpus))
            ok, bad = 0, []
            for s, lines in corpus.systems.items():
                theirs = org.get((pair, s, f"{key}-{label}"))
                if theirs is not None and round(metric.corpus_score(lines).score, 2) == round(theirs, 2):
                    ok += 1
                else:
                    bad.append(s)
            out.append((f"{key}-{label} (refs {','.join(refs)})", ok, len(corpus.systems), bad))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "wmt22-general"))
    ap.add_argument("--pair", default="zh-en")
    ap.add_argument("--ter", action="store_true", help="include TER (about 100 s per 10k lines)")
    ap.add_argument("--qe", default="auto", help="none|auto|NAME (auto: skipped when mtqa.qe is absent)")
    ap.add_argument("--no-peers", action="store_true", help="skip the sacrebleu peer runs")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"bench_benchmark: no data at {data}", file=sys.stderr)
        return 1

    sampler = RssSampler()
    sampler.start()
    start_rss = sampler.rss()
    t_all = time.perf_counter()
    sampler.set_phase("load")
    t0 = time.perf_counter()
    corpus = load_corpus(data, args.pair)
    qe, qe_note = resolve_qe(args.qe)
    t_load = time.perf_counter() - t0
    metrics = ("bleu", "chrf", "ter") if args.ter else ("bleu", "chrf")
    res = run_benchmark(corpus, BenchmarkOptions(metrics=metrics), qe=qe, notes=[qe_note] if qe_note else [],
                        on_phase=sampler.set_phase)
    total = time.perf_counter() - t_all
    sampler.set_phase("peers")

    n_sys, n_seg = len(corpus.systems), len(corpus)
    print(f"mtqa benchmark on {data.name} {args.pair}: {n_sys} systems x {n_seg} segments = {n_sys * n_seg} "
          f"system-segments, references {', '.join(corpus.references)}, metrics {', '.join(metrics)}, "
          f"{len(res.stats)} statistics, paired bootstrap {res.samples}, CPU threads 1")
    print(f"QE: {'model ' + res.stat('qe').name if any(s.key == 'qe' for s in res.stats) else (qe_note or 'off')}")
    phases = {"load": t_load, **res.timings}
    cpu_total = sum(v for k, v in sampler.cpu.items() if k != "start")
    print(f"\n{'phase':<13} {'wall s':>8} {'share':>6} {'CPU s':>8} {'share':>6} {'RSS peak MiB':>13}")
    for name, secs in phases.items():
        peak = sampler.peaks.get(name)
        cpu = sampler.cpu.get(name, 0.0) if name != "qe" else float("nan")  # QE runs inside the detectors phase
        print(f"{name:<13} {secs:8.2f} {100 * secs / total:5.1f}% {cpu:8.2f} {100 * cpu / cpu_total:5.1f}% "
              f"{peak if peak else float('nan'):13.0f}")
    print(f"{'total':<13} {total:8.2f} {100.0:5.1f}% {cpu_total:8.2f} {100.0:5.1f}%")
    print("(wall-clock detectors excludes QE time; CPU detectors includes it; wall > CPU means a busy machine)")
    print(f"per system-segment: {1000 * total / (n_sys * n_seg):.2f} ms; "
          f"RSS at start {start_rss:.0f} MiB, peak (ru_maxrss) "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    top = res.ranking[:3]
    print(f"top 3 by {res.stat(res.rank_by).name}: {', '.join(top)}")

    if not args.no_peers:
        from sacrebleu.metrics import BLEU, CHRF
        from sacrebleu.significance import PairedTest

        from mtqa.benchmark.metrics import bleu_tokenizer

        refs = list(corpus.references.values())
        tok = bleu_tokenizer(corpus.tgt_lang)[0]
        t0, c0 = time.perf_counter(), time.process_time()
        for lines in corpus.systems.values():
            BLEU(tokenize=tok).corpus_score(lines, refs)
            CHRF().corpus_score(lines, refs)
        t_peer, c_peer = time.perf_counter() - t0, time.process_time() - c0
        t_ours, c_ours = res.timings["metrics"], sampler.cpu["metrics"]
        print(f"\npeer sacrebleu corpus_score (BLEU+chrF, {n_sys} systems, references re-read per call): "
              f"{t_peer:.2f} s wall, {c_peer:.2f} s CPU; mtqa metrics phase (references cached once) {t_ours:.2f} s "
              f"wall, {c_ours:.2f} s CPU{' (incl. TER)' if args.ter else ''}; CPU ratio mtqa/peer "
              f"{c_ours / c_peer:.2f}")
        t0, c0 = time.perf_counter(), time.process_time()
        named = [(res.baseline, corpus.systems[res.baseline])] + [(s, x) for s, x in corpus.systems.items()
                                                                   if s != res.baseline]
        PairedTest(named, {"BLEU": BLEU(tokenize=tok), "chrF": CHRF()}, refs, test_type="bs", n_samples=1000)()
        t_pt, c_pt = time.perf_counter() - t0, time.process_time() - c0
        t_sig, c_sig = res.timings["significance"], sampler.cpu["significance"]
        print(f"peer sacrebleu PairedTest paired-bs 1000 (BLEU+chrF, 11 systems vs baseline, extracts statistics "
              f"itself): {t_pt:.2f} s wall, {c_pt:.2f} s CPU; mtqa metrics + significance phases ({len(res.stats)} "
              f"statistics, baseline comparisons + clusters): {t_ours + t_sig:.2f} s wall, {c_ours + c_sig:.2f} s "
              f"CPU; CPU ratio mtqa/peer {(c_ours + c_sig) / c_pt:.2f} (significance alone: {c_sig:.2f} s CPU)")

    print("\nagreement with the organisers' automatic-scores.tsv (two decimals):")
    for label, ok, n, bad in organiser_agreement(data, args.pair):
        print(f"  {label:<24} {ok:>2}/{n}" + (f"  differ: {', '.join(bad)}" if bad else ""))
    sampler.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
