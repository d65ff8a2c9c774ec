"""Features of a (source, target) pair from frozen e5-small token states.

Shared by training (scripts/train_qe.py) and inference (mtqa.qe.e5_qe) so the two
cannot drift. Inputs per text: ``ids`` (T,) and ``states`` (L, T, 384) for the layers
in ``LAYERS`` (last one = the final layer), as returned by ``E5Encoder.encode``.

Dense part (6 × 384): from the mean-pooled, L2-normalised final layer u (source) and
v (target): ``[u, v, |u − v|, u ⊙ v]`` (Conneau et al. 2017, InferSent; as in
COMET's estimator, Rei et al. 2020), and ``[|u − v|, u ⊙ v]`` at the middle layer.
Scalar part (``N_SCALARS``): per layer the sentence cosine and statistics of token
cross-similarity (each target token's best cosine to any source token and vice versa:
mean, min, std, 10th/25th percentile; BERTScore-style greedy matching, Zhang et al.
2020), lengths and their ratios, token-id overlap (copies, untranslated text), and
agreement of digit strings between source and target.
"""
from __future__ import annotations

import math

import regex

LAYERS = (6, 9, 12)
HIDDEN = 384
N_DENSE = 6 * HIDDEN
_NUM = regex.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> list[str]:
    return [regex.sub(r"[.,]", "", m) for m in _NUM.findall(text)]


def _stats(x) -> list[float]:
    import numpy as np
    if x.size == 0:
        return [0.0] * 5
    return [float(x.mean()), float(x.min()), float(x.std()), float(np.percentile(x, 10)), float(np.percentile(x, 25))]


def pair_features(src, tgt, src_text: str, tgt_text: str, n_prefix: int):
    """Feature vectors for one pair: ``(dense float32 (N_DENSE,), scalars float32 (N_SCALARS,))``.

    ``src``/``tgt`` are ``(ids, states)``; ``n_prefix`` is the number of pieces of the
    ``query:`` prefix (content tokens are ``ids[1 + n_prefix : -1]``).
    """
    import numpy as np
    (sid, sst), (tid, tst) = src, tgt
    sst = sst.astype(np.float32)
    tst = tst.astype(np.float32)

    def pooled(st, layer):
        v = st[layer].mean(0)
        return v / max(float(np.linalg.norm(v)), 1e-9)

    u, v = pooled(sst, -1), pooled(tst, -1)
    um, vm = pooled(sst, 1), pooled(tst, 1)
    dense = np.concatenate([u, v, np.abs(u - v), u * v, np.abs(um - vm), um * vm]).astype(np.float32)

    a, b = 1 + n_prefix, -1
    scal: list[float] = []
    for layer in range(sst.shape[0]):
        scal.append(float(pooled(sst, layer) @ pooled(tst, layer)))
        s = sst[layer, a:b]
        t = tst[layer, a:b]
        if len(s) and len(t):
            s = s / np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-9)
            t = t / np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-9)
            sim = t @ s.T
            scal += _stats(sim.max(1)) + _stats(sim.max(0))
        else:
            scal += [0.0] * 10
    ns, nt = len(sid) - 2 - n_prefix, len(tid) - 2 - n_prefix
    scal += [math.log1p(ns), math.log1p(nt), math.log((nt + 1) / (ns + 1)), abs(math.log((nt + 1) / (ns + 1))),
             math.log((len(tgt_text) + 1) / (len(src_text) + 1))]
    sset, tset = set(sid[a:b].tolist()), set(tid[a:b].tolist())
    t_in_s = sum(1 for i in tid[a:b].tolist() if i in sset) / max(nt, 1)
    s_in_t = sum(1 for i in sid[a:b].tolist() if i in tset) / max(ns, 1)
    same = float(" ".join(src_text.split()).lower() == " ".join(tgt_text.split()).lower())
    scal += [t_in_s, s_in_t, same]
    sn, tn = _numbers(src_text), _numbers(tgt_text)
    s_found = sum(1 for n in sn if n in tn) / len(sn) if sn else 1.0
    t_found = sum(1 for n in tn if n in sn) / len(tn) if tn else 1.0
    scal += [math.log1p(len(sn)), math.log1p(len(tn)), s_found, t_found, float(bool(sn) != bool(tn))]
    return dense, np.asarray(scal, dtype=np.float32)


N_SCALARS = 11 * len(LAYERS) + 5 + 3 + 5
