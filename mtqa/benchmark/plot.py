"""PNG plot of a benchmark: one panel per statistic, systems with their 95% intervals."""
from __future__ import annotations

from pathlib import Path

from .run import BenchmarkResult


def plot(result: BenchmarkResult, path: str | Path) -> Path:
    """Write a PNG to ``path``: per statistic, each system's score (dot) and bootstrap
    95% interval (bar), systems in ranking order (best on top), coloured by cluster.

    matplotlib is imported here only, with the Agg backend (no display needed).
    Raises OSError when the file cannot be written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stats = result.stats
    systems = result.ranking
    fig, axes = plt.subplots(1, len(stats), figsize=(3.2 * len(stats) + 1.5, 0.32 * len(systems) + 1.6),
                             sharey=True, squeeze=False)
    palette = plt.get_cmap("tab10")
    ys = list(range(len(systems)))[::-1]
    for ax, st in zip(axes[0], stats):
        for y, s in zip(ys, systems):
            c = result.cells[st.key][s]
            color = palette((c.cluster - 1) % 10)
            ax.errorbar([c.score], [y], xerr=[[c.score - c.low], [c.high - c.score]], fmt="o", color=color,
                        capsize=3, markersize=4)
        ax.set_title(f"{st.name} {'↑' if st.higher_is_better else '↓'}", fontsize=10)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=8)
    axes[0][0].set_yticks(ys)
    axes[0][0].set_yticklabels(systems)
    fig.suptitle(f"{result.corpus} ({result.pair}, {result.n_segments} segments): 95% bootstrap intervals, "
                 "colour = cluster", fontsize=10)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out
