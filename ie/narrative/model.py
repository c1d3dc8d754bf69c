"""The narrative NER/relation model: character BIO tags (QTY, METRIC, PERIOD) plus QTY->METRIC and
QTY->PERIOD pointers, on a character-level BERT encoder.

Runtime side only (loading, inference, turning spans into :class:`ie.records.Triple`); training
lives in :mod:`ie.training`. A model directory holds ``config.json`` (encoder config, label scheme,
vocabulary), ``model.safetensors`` (fp16 or fp32; never pickles), ``metrics.json`` and ``README.md``.

The default model ships in ``models/ner-small`` and is loaded offline from the repository.
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import logging
import math
import re
import sys
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ie.errors import ModelError, SettingsError
from ie.segment.normalize import is_cjk

log = logging.getLogger(__name__)

def _default_model_dir(package_root: Path, prefix: Path) -> Path:
    """Where the shipped model lies: ``models/ner-small`` of the checkout (an editable install), else
    the copy a wheel installs under ``<prefix>/share/ogi-ie/models/ner-small`` (pyproject data-files)."""
    checkout = package_root / "models" / "ner-small"
    installed = prefix / "share" / "ogi-ie" / "models" / "ner-small"
    return installed if not checkout.is_dir() and installed.is_dir() else checkout


DEFAULT_MODEL_DIR = _default_model_dir(Path(__file__).resolve().parents[2], Path(sys.prefix))
N_DIST = 12  # distance buckets per side
DEFAULT_HEAD_CHARS = 32  # longest paragraph-head clause (ie train --context-heads)
_SENTENCE_END = "。!?！？;；\n"
_HAS_NUMBER = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")


# ------------------------------------------------------------------------------------- tokenizer


class CharTokenizer:
    """One id per character. Whitespace maps to the space token; unknown characters to ``[UNK]``.

    >>> tok = CharTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", " ", "收", "件"])
    >>> tok.encode("收\\n7件")
    [6, 5, 1, 7]
    """

    def __init__(self, tokens: Sequence[str], specials: Optional[Dict[str, str]] = None) -> None:
        self.tokens = list(tokens)
        self.index = {t: i for i, t in enumerate(self.tokens)}
        sp = {"pad": "[PAD]", "unk": "[UNK]", "cls": "[CLS]", "sep": "[SEP]", **(specials or {})}
        try:
            self.pad_id, self.unk_id = self.index[sp["pad"]], self.index[sp["unk"]]
            self.cls_id, self.sep_id = self.index[sp["cls"]], self.index[sp["sep"]]
        except KeyError as exc:
            raise ModelError(f"vocabulary lacks special token {exc.args[0]!r}") from None
        space = self.index.get(" ", self.index.get("\u2581", self.unk_id))
        self._ws = space

    def encode(self, text: str) -> List[int]:
        idx, unk, ws = self.index, self.unk_id, self._ws
        out = []
        for c in text:
            i = idx.get(c)
            if i is None:
                i = ws if c.isspace() else idx.get(c.lower(), unk)
            out.append(i)
        return out


# ---------------------------------------------------------------------------------------- module


def _dist_bucket(d: int) -> int:
    """Signed log-bucket of a character distance: 0 .. 2*N_DIST."""
    a = abs(d)
    b = a if a < 4 else min(N_DIST - 1, 2 + int(math.log2(a)))
    return N_DIST + (b if d > 0 else -b)


def _build_module(encoder, n_tags: int, relations: Sequence[str], rel_dim: int = 128):
    import torch
    from torch import nn

    class NarrativeModel(nn.Module):
        """Encoder + BIO tagger + one pointer head per relation (softmax over candidates + null)."""

        def __init__(self) -> None:
            super().__init__()
            h = encoder.config.hidden_size
            self.encoder = encoder
            self.dropout = nn.Dropout(0.1)
            self.tagger = nn.Linear(h, n_tags)
            self.relations = list(relations)
            self.q_proj = nn.ModuleDict({r: nn.Linear(2 * h, rel_dim) for r in relations})
            self.c_proj = nn.ModuleDict({r: nn.Linear(2 * h, rel_dim) for r in relations})
            self.null = nn.ParameterDict({r: nn.Parameter(torch.zeros(rel_dim)) for r in relations})
            self.dist = nn.ModuleDict({r: nn.Embedding(2 * N_DIST + 1, 1) for r in relations})
            self.rel_dim = rel_dim

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return hidden, self.tagger(self.dropout(hidden))

        def rel_scores(self, hidden_row, rel: str, q: Tuple[int, int], cands: Sequence[Tuple[int, int]]):
            """Scores [null, cand...] for one head span ``q`` (token offsets, end exclusive)."""
            hq = torch.cat([hidden_row[q[0]], hidden_row[q[1] - 1]])
            qv = self.q_proj[rel](hq.unsqueeze(0)).squeeze(0)  # quantised Linear needs 2-D input
            null = (qv * self.null[rel]).sum().view(1) / math.sqrt(self.rel_dim)
            if not cands:
                return null
            hc = torch.stack([torch.cat([hidden_row[s], hidden_row[e - 1]]) for s, e in cands])
            cv = self.c_proj[rel](hc)
            dist = torch.tensor([_dist_bucket(s - q[0]) for s, _ in cands], device=hc.device)
            sc = cv @ qv / math.sqrt(self.rel_dim) + self.dist[rel](dist).squeeze(-1)
            return torch.cat([null, sc])

    return NarrativeModel()


@dataclass
class LoadedModel:
    """A model ready for inference: module, tokenizer, tag list and its config dict."""

    module: object
    tokenizer: CharTokenizer
    tags: List[str]
    relations: List[str]
    config: dict
    path: Optional[Path] = None
    max_len: int = 128
    head_chars: int = 0  # > 0: windows carry their paragraph-head clause (see window_heads)


def new_model(encoder, tokens: Sequence[str], *, scheme=None, specials: Optional[Dict[str, str]] = None,
              max_len: int = 128, context_heads: int = 0) -> LoadedModel:
    """Wrap an encoder (``transformers.BertModel``) and its char vocabulary into a fresh model.

    ``context_heads`` > 0 prefixes windows with their paragraph-head clause of at most that many
    characters (:func:`window_heads`); the encoder needs ``max_len + context_heads + 1`` positions.
    """
    from ie.training.corpus import load_labels

    if not isinstance(context_heads, int) or isinstance(context_heads, bool) or context_heads < 0:
        raise SettingsError(f"context_heads must be an int >= 0, got {context_heads!r}")
    need = max_len + (context_heads + 1 if context_heads else 0)
    if encoder.config.max_position_embeddings < need:
        raise SettingsError(f"the encoder has {encoder.config.max_position_embeddings} positions; max_len "
                            f"{max_len} with context_heads {context_heads} needs {need}")
    scheme = scheme or load_labels()
    rels = list(scheme.relations)
    module = _build_module(encoder, len(scheme.tags), rels)
    config = {"format": "ogi-ie-narrative", "format_version": 1, "encoder": encoder.config.to_dict(),
              "tags": scheme.tags, "relations": rels, "label_scheme_version": scheme.version,
              "vocab": list(tokens), "specials": specials or {}, "max_len": max_len,
              "context_heads": context_heads}
    return LoadedModel(module, CharTokenizer(tokens, specials), scheme.tags, rels, config, None, max_len,
                       context_heads)


def save_model(model: LoadedModel, out_dir, *, fp16: bool = True, extra_config: Optional[dict] = None) -> Path:
    """Write ``config.json`` and ``model.safetensors`` (fp16 by default) to ``out_dir``."""
    import torch
    from safetensors.torch import save_file

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = {}
    for k, v in model.module.state_dict().items():
        v = v.detach().cpu().contiguous()
        state[k] = v.half() if fp16 and v.is_floating_point() else v
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    cfg = dict(model.config)
    cfg.update(extra_config or {})
    cfg["dtype"] = "float16" if fp16 else "float32"
    (out / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    model.config = cfg
    return out


_CACHE: Dict[Tuple[str, bool], LoadedModel] = {}
_LOCK = threading.Lock()
_MODEL_DIR: List[Optional[Path]] = [None]
_INT8: List[bool] = [False]


def set_model_dir(path, *, int8: bool = False) -> None:
    """Use the model in ``path`` (None: the shipped ``models/ner-small``) for method "model"/"hybrid".

    ``int8`` runs it with int8 dynamic quantisation of the Linear layers: about a third faster on
    CPU, but less accurate (held-out seed 001 triple F1 0.981 instead of 0.987 with the shipped model,
    probe3 0.959 instead of 0.979), so it is off by default.
    Raises ModelError when ``path`` is not a directory, SettingsError when ``int8`` is not a bool.
    """
    if path is not None and not Path(path).is_dir():
        raise ModelError(f"model directory not found: {str(path)!r}")
    if not isinstance(int8, bool):
        raise SettingsError(f"int8 must be a bool, got {int8!r}")
    _MODEL_DIR[0] = Path(path) if path is not None else None
    _INT8[0] = int8


def load_model(path=None, *, quantize: Optional[bool] = None) -> LoadedModel:
    """Load a model directory (default ``models/ner-small``) offline; cached per path.

    ``quantize`` applies int8 dynamic quantisation to the Linear layers (faster on CPU, less
    accurate); None follows :func:`set_model_dir` (off unless asked for).
    Raises ModelError when the directory or its files are missing or of another format.
    """
    path = Path(path) if path else (_MODEL_DIR[0] or DEFAULT_MODEL_DIR)
    if quantize is None:
        quantize = _INT8[0]
    key = (str(path.resolve()), quantize)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        cfg_file, weights = path / "config.json", path / "model.safetensors"
        if not cfg_file.is_file() or not weights.is_file():
            raise ModelError(f"model directory {str(path)!r} lacks config.json or model.safetensors")
        cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
        if cfg.get("format") != "ogi-ie-narrative":
            raise ModelError(f"{str(cfg_file)!r}: format {cfg.get('format')!r} is not 'ogi-ie-narrative'")
        import torch
        from safetensors.torch import load_file
        from transformers import BertConfig, BertModel

        enc_cfg = BertConfig.from_dict(cfg["encoder"])
        encoder = BertModel(enc_cfg, add_pooling_layer=False)
        module = _build_module(encoder, len(cfg["tags"]), cfg["relations"])
        state = {k: v.float() if v.is_floating_point() else v for k, v in load_file(str(weights)).items()}
        missing, unexpected = module.load_state_dict(state, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if missing or unexpected:
            raise ModelError(f"{str(weights)!r} does not fit its config: missing={missing[:5]} "
                             f"unexpected={unexpected[:5]}")
        module.eval()
        if quantize:
            try:
                with warnings.catch_warnings():  # torch marks eager dynamic quantisation deprecated; it still works
                    warnings.simplefilter("ignore")
                    module = torch.ao.quantization.quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8)
            except Exception as exc:  # noqa: BLE001 - quantisation is an optimisation only
                log.warning("int8 quantisation unavailable (%s); running fp32", exc)
        model = LoadedModel(module, CharTokenizer(cfg["vocab"], cfg.get("specials")), cfg["tags"],
                            cfg["relations"], cfg, path, int(cfg.get("max_len", 128)),
                            int(cfg.get("context_heads", 0)))
        _CACHE[key] = model
        return model


# ------------------------------------------------------------------------------------ chunking


def split_chunks(text: str, start: int, end: int, max_chars: int) -> List[Tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``max_chars`` at sentence ends (then clause
    marks, then anywhere), so every span is a whole sentence or a piece of a long one.

    >>> split_chunks("甲乙。丙丁戊。己", 0, 8, 4)
    [(0, 3), (3, 7), (7, 8)]
    """
    out = []
    s = start
    while s < end:
        if end - s <= max_chars:
            out.append((s, end))
            break
        window = text[s: s + max_chars]
        cut = max((window.rfind(c) for c in _SENTENCE_END), default=-1)
        if cut < max_chars // 3:
            cut = max(max((window.rfind(c) for c in ",，、:："), default=-1), cut)
        if cut < max_chars // 3:
            cut = max_chars - 1
        out.append((s, s + cut + 1))
        s += cut + 1
    return out


def sentence_spans(text: str, start: int = 0, end: Optional[int] = None) -> List[Tuple[int, int]]:
    """Sentences of ``text[start:end]`` (ending at 。!?;\\n), whitespace-only ones dropped. A line
    break between a digit and a CJK character is a wrapped quantity (``6843\\n条`` from pdftotext), not
    a sentence end.

    >>> sentence_spans("公开信息6843\\n条。收到申请7件")
    [(0, 11), (11, 17)]
    """
    end = len(text) if end is None else end
    out, s = [], start
    for i in range(start, end):
        if text[i] == "\n" and 0 < i < end - 1 and text[i - 1].isdigit() and is_cjk(text[i + 1]):
            continue
        if text[i] in _SENTENCE_END:
            if text[s:i + 1].strip():
                out.append((s, i + 1))
            s = i + 1
    if s < end and text[s:end].strip():
        out.append((s, end))
    return out


def number_windows(norm: str, max_chars: int, exclude: Sequence[Tuple[int, int]] = (),
                   quantities_only: bool = False) -> List[Tuple[int, int]]:
    """Spans worth sending through the model: sentences that contain a number, outside ``exclude``,
    cut to ``max_chars``. ``quantities_only`` keeps only sentences where :func:`ie.numbers.find_quantities`
    finds a quantity or that hold a bare Arabic number not followed by a date word (inference: the
    model was trained on all number sentences, so this is a subset of what it knows, and it skips
    sentences whose only numbers are dates, years and document numbers).

    >>> number_windows("总体情况良好。收到申请7件。", 30)
    [(7, 14)]
    >>> number_windows("2017年1月印发通知。关注人数3290。收到申请7件。", 30, quantities_only=True)
    [(12, 21), (21, 28)]
    """
    keep = None
    if quantities_only:
        keep = _quantity_sentences(norm)
    out = []
    for s, e in sentence_spans(norm):
        if any(s < xe and xs < e for xs, xe in exclude):
            continue
        if keep is not None and (s, e) not in keep:
            continue
        if _HAS_NUMBER.search(norm, s, e):
            out.extend(split_chunks(norm, s, e, max_chars))
    return out


def _all_known(norm: str, window: Tuple[int, int], known: Sequence[Tuple[int, int]]) -> bool:
    """True when every quantity :func:`ie.numbers.find_quantities` sees in ``window`` lies in ``known``."""
    from ie.numbers import find_quantities

    s, e = window
    found = [(q.start + s, q.end + s) for q in find_quantities(norm[s:e])]
    return bool(found) and all(any(ks <= qs and qe <= ke for ks, ke in known) for qs, qe in found)


def _quantity_sentences(norm: str) -> set:
    from ie.numbers import find_quantities
    from ie.training.corpus import load_labels

    stops = load_labels().not_after_bare_number
    starts = [q.start for q in find_quantities(norm)]
    for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?", norm):
        if not norm.startswith(stops, m.end()) and not norm[max(0, m.start() - 1): m.start()] in ("-", ".", "〔"):
            starts.append(m.start())
    starts.sort()
    keep = set()
    for s, e in sentence_spans(norm):
        i = bisect.bisect_left(starts, s)
        if i < len(starts) and starts[i] < e:
            keep.add((s, e))
    return keep


_HEAD_CFG: List[object] = []


def _head_config():
    """(head regex, clause-end characters, section-heading regex, look-back lines) from labels.yaml."""
    if not _HEAD_CFG:
        from ie.resources import load_resource

        mw = load_resource("labels.yaml").get("model_windows") or {}
        _HEAD_CFG.append((re.compile(mw.get("head_pattern") or r"(?!)"), str(mw.get("head_clause_end") or ""),
                          re.compile(mw.get("section_heading") or r"(?!)"), int(mw.get("head_lookback_lines") or 0)))
    return _HEAD_CFG[0]


def _opening_clause(norm: str, start: int, end: int, max_chars: int, ends: str) -> Optional[Tuple[int, int]]:
    """``norm[start:end]``'s first clause (leading whitespace skipped, clause mark included), or None when
    no clause mark comes within ``max_chars``."""
    while start < end and norm[start].isspace():
        start += 1
    for i in range(start, min(end, start + max_chars)):
        if norm[i] in ends:
            return (start, i + 1)
    return None


def window_heads(norm: str, windows: Sequence[Tuple[int, int]], max_chars: int) -> List[Optional[Tuple[int, int]]]:
    """The paragraph-head clause that may date each window's quantities, or None.

    The nearest earlier sentence of the window's paragraph (then of up to ``head_lookback_lines``
    earlier lines, stopping at a section heading) whose opening clause matches ``head_pattern``:
    "2014年,我局将做好以下工作:一是…;二是培训两次" gives the second item the head "2014年,".
    A window whose own opening clause matches gets none.

    >>> t = "2014年,我局将:一是公开50条;二是培训两次。"
    >>> window_heads(t, [(18, 25)], 32)
    [(0, 6)]
    """
    pat, ends, heading, lookback = _head_config()
    out: List[Optional[Tuple[int, int]]] = []
    for s, e in windows:
        own = _opening_clause(norm, s, e, max_chars, ends)
        if own and pat.search(norm, own[0], own[1]):
            out.append(None)
            continue
        head = None
        line_end, lines = s, 0
        while head is None and lines <= lookback and line_end > 0:
            line_start = norm.rfind("\n", 0, line_end) + 1
            if lines and heading.match(norm, line_start, line_end):
                break
            for a, b in reversed(sentence_spans(norm, line_start, line_end)):
                c = _opening_clause(norm, a, b, max_chars, ends)
                if c and pat.search(norm, c[0], c[1]):
                    head = c
                    break
            line_end, lines = line_start - 1, lines + 1
        out.append(head)
    return out


def window_tokens(model: "LoadedModel", norm: str, window: Tuple[int, int],
                  head: Optional[Tuple[int, int]]) -> Tuple[List[int], int, List[int]]:
    """``(ids, body_offset, positions)`` of one window: ``[CLS] head [SEP] body [SEP]`` (or
    ``[CLS] body [SEP]``); ``positions[t]`` is token ``t``'s text offset (-1 for special tokens) and
    ``body_offset`` the token index of the window's first character."""
    tok = model.tokenizer
    s, e = window
    ids, pos = [tok.cls_id], [-1]
    if head:
        ids += tok.encode(norm[head[0]:head[1]]) + [tok.sep_id]
        pos += list(range(head[0], head[1])) + [-1]
    body = len(ids)
    ids += tok.encode(norm[s:e]) + [tok.sep_id]
    pos += list(range(s, e)) + [-1]
    return ids, body, pos


def _whole_number(norm: str, a: int, b: int, lo: int, hi: int) -> Tuple[int, int]:
    """``[a, b)`` widened (within ``[lo, hi)``) so that neither edge cuts an Arabic number in two.

    >>> t = "政策文件 186 204"
    >>> _whole_number(t, 6, 7, 0, len(t)), _whole_number(t, 5, 6, 0, len(t))
    ((5, 8), (5, 8))
    >>> _whole_number("办结率99.1%", 5, 8, 0, 8)
    (3, 8)
    """
    def cuts(i: int) -> bool:
        if i <= lo or i >= hi:
            return False
        left, right = norm[i - 1], norm[i]
        return ((left.isdigit() and right.isdigit())
                or (left == "." and right.isdigit() and i - 2 >= lo and norm[i - 2].isdigit())
                or (left.isdigit() and right == "." and i + 1 < hi and norm[i + 1].isdigit()))

    while cuts(a):
        a -= 1
    while cuts(b):
        b += 1
    return a, b


# ------------------------------------------------------------------------------------ decoding


def _bracket_groups(norm: str, start: int, end: int) -> List[Tuple[int, int]]:
    """The round-bracket pairs ``(open, close)`` of ``norm[start:end]`` that close within it; a line
    break drops the brackets still open (a bracket never spans lines of running text).

    >>> _bracket_groups("公开964条(含行政许可信息748条)，(一", 0, 22)
    [(6, 18)]
    """
    out, stack = [], []
    for i in range(start, end):
        c = norm[i]
        if c in "(（":
            stack.append(i)
        elif c in ")）":
            if stack:
                out.append((stack.pop(), i))
        elif c == "\n":
            stack = []
    return out


def _shut_away(groups: Sequence[Tuple[int, int]], quantity: Tuple[int, int], tail: Tuple[int, int]) -> bool:
    """True when ``tail`` lies inside a closed bracket pair that does not hold ``quantity``'s start (a
    predicted quantity may still carry the closing bracket, ``748条)``, until it is trimmed). An aside
    in brackets details its own quantities (``964条(含行政许可信息748条)，占72.6%``), so a quantity
    outside it never takes its metric or period from inside it; none of the 3006 gold triples of the
    corpora here does.

    >>> g = _bracket_groups("公开964条(含行政许可信息748条)", 0, 19)
    >>> _shut_away(g, (2, 6), (8, 14)), _shut_away(g, (14, 18), (8, 14)), _shut_away(g, (14, 18), (0, 2))
    (True, False, False)
    """
    return any(a < tail[0] and tail[1] <= b and not a < quantity[0] < b for a, b in groups)


_CLAUSE_END = "，,。；;：:\n"


def _clause_start(norm: str, pos: int, lo: int = 0) -> int:
    """Where the clause holding ``pos`` begins (not before ``lo``): just after the last clause end.

    >>> _clause_start("收到申请7件，办结6件", 9)
    7
    """
    while pos > lo and norm[pos - 1] not in _CLAUSE_END:
        pos -= 1
    return pos


def _denominator_start(norm: str, quantity: Tuple[int, int], lo: int, leads: Sequence[str]) -> Optional[int]:
    """Where the denominator of a share begins: the last share lead (``占``, labels.yaml) in the
    clause before a percent ``quantity`` (``予以公开38件，占办结总数的39.6%``), or None. A share
    points back at what it divides, so no metric of it lies between the lead and the number.

    >>> t = "予以公开38件，占办结总数的39.6%"
    >>> _denominator_start(t, (14, 19), 0, ["占"]), _denominator_start("占地面积500亩", (4, 8), 0, ["占"])
    (8, None)
    """
    if not leads or not norm[quantity[0]:quantity[1]].rstrip().endswith(("%", "％")):
        return None
    i = _clause_start(norm, quantity[0], lo)
    best = max(norm.rfind(w, i, quantity[0]) for w in leads)
    return best if best >= 0 else None


def decode_bio(tags: Sequence[str]) -> List[Tuple[str, int, int]]:
    """Entities from a BIO tag sequence; a stray ``I-X`` starts an entity (lenient decoding).

    >>> decode_bio(["O", "B-QTY", "I-QTY", "I-METRIC", "O"])
    [('QTY', 1, 3), ('METRIC', 3, 4)]
    """
    out: List[Tuple[str, int, int]] = []
    cur: Optional[List] = None
    for i, t in enumerate(tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [t[2:], i, i + 1]
        elif t.startswith("I-") and cur is not None:
            cur[2] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


@dataclass(frozen=True)
class SpanPrediction:
    """One predicted QTY with its linked METRIC/PERIOD spans (offsets in the text)."""

    start: int
    end: int
    metric: Optional[Tuple[int, int]]
    period: Optional[Tuple[int, int]]
    confidence: float


def predict_spans(model: LoadedModel, norm: str, windows: Sequence[Tuple[int, int]],
                  batch_size: int = 8) -> Tuple[List[Tuple[str, int, int]], List[SpanPrediction]]:
    """Run the model over ``windows`` of ``norm``: (entities, QTY link predictions), text offsets.

    Entities and quantities come from the window itself; a model with ``head_chars`` also reads each
    window's paragraph-head clause (:func:`window_heads`), whose PERIOD spans a quantity may link to.
    Links are the best-scoring candidate (or none) among those the text allows: never into a
    bracketed aside the quantity is outside of (:func:`_shut_away`), and a share's metric never in
    its denominator (:func:`_denominator_start`).
    """
    import torch

    from ie.training.corpus import load_labels

    mod = model.module
    share_leads = load_labels().share_leads
    heads = window_heads(norm, windows, model.head_chars) if model.head_chars else [None] * len(windows)
    entities: List[Tuple[str, int, int]] = []
    preds: List[SpanPrediction] = []
    order = sorted(range(len(windows)), key=lambda i: windows[i][1] - windows[i][0])
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idxs = order[b: b + batch_size]
            layouts = [window_tokens(model, norm, windows[i], heads[i]) for i in idxs]
            width = max(len(ids) for ids, _, _ in layouts)
            ids_t = torch.full((len(layouts), width), model.tokenizer.pad_id, dtype=torch.long)
            mask = torch.zeros((len(layouts), width), dtype=torch.long)
            for r, (ids, _, _) in enumerate(layouts):
                ids_t[r, : len(ids)] = torch.tensor(ids)
                mask[r, : len(ids)] = 1
            hidden, logits = mod(ids_t, mask)
            probs = logits.softmax(-1)
            best = probs.argmax(-1)
            for r, (ids, body, pos) in enumerate(layouts):
                n = len(ids) - 1  # the last [SEP]
                by_label: Dict[str, List[Tuple[int, int]]] = {}
                if body > 1:  # the head: only its PERIOD spans serve as link candidates
                    for lab, s, e in decode_bio([model.tags[t] for t in best[r, 1: body - 1].tolist()]):
                        if lab == "PERIOD":
                            by_label.setdefault(lab, []).append((s + 1, e + 1))
                spans = []
                for lab, s, e in decode_bio([model.tags[t] for t in best[r, body: n].tolist()]):
                    s, e = s + body, e + body
                    if lab == "QTY":  # a quantity never starts or ends inside a number (1|8|6 -> 186)
                        a, b = _whole_number(norm, pos[s], pos[e - 1] + 1, pos[body], pos[n - 1] + 1)
                        s, e = s + a - pos[s], e + b - pos[e - 1] - 1
                        if spans and spans[-1][0] == "QTY" and spans[-1][2] > s:  # fragments of one number
                            s = spans.pop()[1]
                    spans.append((lab, s, e))
                for lab, s, e in spans:
                    by_label.setdefault(lab, []).append((s, e))
                    entities.append((lab, pos[s], pos[e - 1] + 1))
                groups = _bracket_groups(norm, pos[body], pos[n - 1] + 1) if n > body else []
                for qs, qe in by_label.get("QTY", []):
                    conf = float(probs[r, qs:qe].max(-1).values.mean())
                    quantity = (pos[qs], pos[qe - 1] + 1)
                    denominator = _denominator_start(norm, quantity, pos[body], share_leads)
                    links: Dict[str, Optional[Tuple[int, int]]] = {}
                    for rel in model.relations:
                        tail = "METRIC" if rel == "metric" else "PERIOD"
                        cands = by_label.get(tail, [])
                        sc = mod.rel_scores(hidden[r], rel, (qs, qe), cands)
                        for i, (cs, ce) in enumerate(cands, 1):
                            span = (pos[cs], pos[ce - 1] + 1)
                            if _shut_away(groups, quantity, span) or (
                                    rel == "metric" and denominator is not None and denominator <= span[0] < quantity[0]):
                                sc[i] = float("-inf")
                        k = int(sc.argmax())
                        links[rel] = None if k == 0 else (pos[cands[k - 1][0]], pos[cands[k - 1][1] - 1] + 1)
                    preds.append(SpanPrediction(pos[qs], pos[qe - 1] + 1, links.get("metric"),
                                                links.get("period"), round(conf, 4)))
    entities.sort(key=lambda x: x[1])
    preds.sort(key=lambda p: p.start)
    return entities, preds


# ------------------------------------------------------------------------------------- triples


def quantity_attrs(norm: str, start: int, end: int) -> dict:
    """Value, unit, approx and kind of the quantity ``norm[start:end]``; kind is ``change`` when the
    clause before it holds a change cue from ``labels.yaml``. Missing value -> ``{"value": None}``.

    >>> quantity_attrs("较上年增加233800条", 5, 12)["kind"], quantity_attrs("收到申请7件", 4, 6)["value"]
    ('change', 7)
    >>> quantity_attrs("申 请 1 2 3 件", 4, 11)["value"]
    123
    """
    from ie.numbers import parse_quantity
    from ie.training.corpus import load_labels

    written = norm[start:end]
    q = parse_quantity(written)
    if q is None and re.search(r"\s", written):  # letter-spaced or wrapped by pdftotext: 1 2 3 件, 6843\n条
        q = parse_quantity(re.sub(r"\s+", "", written))
    if q is None:
        q = _fallback_quantity(written)
    if q is None:
        return {"value": None, "unit": "", "approx": False, "kind": "other"}
    kind = q.kind if q.kind in ("count", "money", "percent") else "other"
    left = norm[max(0, start - 12): start]
    left = re.split(r"[,，。;；:：、(（]", left)[-1]
    scheme = load_labels()
    levels = "|".join(map(re.escape, scheme.change_levels))
    if any(c in left for c in scheme.change_cues) and not (levels and re.search(f"(?:{levels})$", left)):
        kind = "change"
    return {"value": q.value, "unit": q.unit, "approx": q.approx, "kind": kind}


def _trim_brackets(norm: str, start: int, end: int) -> Tuple[int, int]:
    """Drop unbalanced brackets and spaces at the edges of a predicted span: ``3项)`` -> ``3项``.

    >>> _trim_brackets("57项(包括行政许可3项)", 10, 13), _trim_brackets("12万人(次)", 0, 7)
    ((10, 12), (0, 7))
    """
    opens, closes = "(（[【", ")）]】"
    while start < end:
        seg = norm[start:end]
        if seg[-1] in closes and sum(seg.count(c) for c in opens) < sum(seg.count(c) for c in closes):
            end -= 1
        elif seg[0] in opens and sum(seg.count(c) for c in opens) > sum(seg.count(c) for c in closes):
            start += 1
        elif seg[0].isspace():
            start += 1
        elif seg[-1].isspace():
            end -= 1
        else:
            break
    return start, end


_CLAUSE_MARKS = "。！？!?；;，,、：:\n()（）“”\"《》"
_MAX_SNAP = 4  # characters a metric edge may move to reach a word boundary


def _snap_to_words(norm: str, start: int, end: int, avoid: Sequence[Tuple[int, int]] = ()) -> Tuple[int, int]:
    """Move the edges of a predicted METRIC span that fall inside a word (jieba, with the project's
    dictionary) out to that word's edges: ``主动公`` -> ``主动公开``. An edge stays where it is when the
    word reaches past a clause mark, into a quantity (``avoid``), or more than a few characters away.

    >>> text = "全年主动公开政府信息7221条"
    >>> s, e = _snap_to_words(text, 2, 5, [(10, 15)]); text[s:e]
    '主动公开'
    """
    from ie.segment.tokenize import default_segmenter

    lo = start
    while lo > 0 and norm[lo - 1] not in _CLAUSE_MARKS and start - lo < 24:
        lo -= 1
    hi = end
    while hi < len(norm) and norm[hi] not in _CLAUSE_MARKS and hi - end < 24:
        hi += 1
    words = [(lo + s, lo + e) for _, s, e in default_segmenter().tokenize(norm[lo:hi])]

    def ok(a: int, b: int) -> bool:
        return not any(a < qe and qs < b for qs, qe in avoid) and not _HAS_DIGIT.search(norm, a, b)

    new_start, new_end = start, end
    for ws, we in words:
        if ws < start < we and start - ws <= _MAX_SNAP and ok(ws, start):
            new_start = ws
        if ws < end < we and we - end <= _MAX_SNAP and ok(end, we):
            new_end = we
    return new_start, new_end


_HAS_DIGIT = re.compile(r"[0-9]")
_NUM_RUN = re.compile(r"[0-9][0-9.,]*[万亿]*|[零〇一二两三四五六七八九十百千万亿]+")


def _fallback_quantity(written: str):
    """Read spans ``ie.numbers.parse_quantity`` declines (bare numbers, 一件): the first number run is
    the value, a known unit after it the unit; anything else must be an approximation marker.

    >>> [getattr(_fallback_quantity(s), "value", None) for s in ("1245", "977多", "12365数", "3项)")]
    [1245, 977, None, None]
    """
    from ie.numbers import Quantity, parse_number
    from ie.records import to_number

    m = _NUM_RUN.search(written)
    if not m:
        return None
    value = parse_number(m.group(0))
    if value is None:
        return None
    prefix, rest = written[: m.start()].strip(), written[m.end():]
    words = _approx_words()
    if prefix and prefix not in words:
        return None
    unit = ""
    units = _unit_words()
    for u in sorted(units, key=len, reverse=True):
        if u in rest:
            unit = u
            break
    # What is left besides the unit and a bracketed alternative (人(次)) must be approximation
    # markers: "12365数" or "3项)" are not quantities.
    left = re.sub(r"\([^()]*\)", "", rest.replace(unit, "", 1))
    for w in sorted(words, key=len, reverse=True):
        left = left.replace(w, "")
    if left.strip():
        return None
    base = units.get(unit, {})
    if base.get("scale"):
        value = to_number(value * base["scale"])
    approx = bool(prefix or re.sub(r"\([^()]*\)", "", rest.replace(unit, "", 1)).strip())
    kind = base.get("kind", "count")
    return Quantity(value, base.get("base", unit), approx, kind if kind != "percent_point" else "other", written)


def _approx_words() -> tuple:
    from ie.resources import load_resource

    data = load_resource("numerals.yaml")
    return tuple(w for k in ("approx_prefixes", "approx_infixes", "approx_suffixes") for w in data.get(k) or ())


def _unit_words() -> dict:
    from ie.resources import load_resource

    return dict(load_resource("units.yaml").get("units") or {})


def _standing_clause(norm: str, start: int, markers: Sequence[str]) -> bool:
    """True when the clause of the quantity at ``start`` names a standing-total marker before it.

    >>> _standing_clause("本年度未制发规章，现行有效规章4件", 16, ["现行有效"]), _standing_clause("现行有效。新增4件", 7, ["现行有效"])
    (True, False)
    """
    i = _clause_start(norm, start)
    return any(norm.find(w, i, start) >= 0 for w in markers)


def triples_from_predictions(text: str, norm: str, preds: Sequence[SpanPrediction], *, year: Optional[int],
                             source: str = "model", issues: Optional[list] = None) -> list:
    """Build :class:`ie.records.Triple` objects; a QTY without metric or parsable value, or a bare
    number that ``non_quantities.yaml`` rules out (a hotline, a phone number), is skipped."""
    from ie.numbers import non_quantity_spans
    from ie.records import Issue, Triple, to_number
    from ie.training.corpus import load_labels

    scheme = load_labels()
    out = []
    quantity_spans = [(p.start, p.end) for p in preds]
    not_quantities = non_quantity_spans(norm)
    for p in preds:
        if p.metric is None:
            continue
        p = dataclasses.replace(p, **dict(zip(("start", "end"), _trim_brackets(norm, p.start, p.end))))
        if p.start >= p.end:
            continue
        attrs = quantity_attrs(norm, p.start, p.end)
        if attrs["value"] is None:
            if issues is not None:
                issues.append(Issue("model_unparsed_quantity",
                                    f"model span {text[p.start:p.end]!r} is not a quantity", p.start, p.end))
            continue
        if not attrs["unit"] and any(a < p.end and p.start < b for a, b in not_quantities):
            continue  # a bare hotline, document or phone number (non_quantities.yaml) counts nothing
        period = scheme.period_value(norm[p.period[0]:p.period[1]] if p.period else None, year,
                                     after=norm[p.period[1]:p.period[1] + 8] if p.period else "",
                                     before=norm[max(0, p.period[0] - 8):p.period[0]] if p.period else "")
        if period == str(year) and _standing_clause(norm, p.start, scheme.standing_in_clause):
            period = "cumulative"
        ms, me = _snap_to_words(norm, p.metric[0], p.metric[1], quantity_spans)
        p = dataclasses.replace(p, metric=(ms, me))
        out.append(Triple(quantity_text=text[p.start:p.end], start=p.start, end=p.end,
                          value=to_number(attrs["value"]), unit=attrs["unit"], approx=attrs["approx"],
                          kind=attrs["kind"], metric_text=text[p.metric[0]:p.metric[1]],
                          metric_start=p.metric[0], metric_end=p.metric[1], period=period,
                          confidence=p.confidence, source=source))
    return out


def extract_model_triples(text: str, norm: str, *, meta, exclude=(), issues=None, model_dir=None,
                          skip: Sequence[Tuple[int, int]] = ()) -> list:
    """Narrative triples from the model: sentences with quantities outside ``exclude`` (table spans).

    The model reads :func:`ie.narrative.rules.compact_view` of ``norm`` (site residue, page markers,
    hard line wraps and letter spacing skipped, as the rules do); every span maps back to ``text``.
    In: the report ``text`` and its length-preserving ``norm``; ``meta.year`` gives the default period;
    ``skip``: quantity spans already known (the hybrid passes the rules' ones), so a sentence whose
    every quantity is known is not sent through the model.
    Out: a list of :class:`ie.records.Triple` with ``source="model"``. Raises ModelError when the
    model directory is missing or broken.
    """
    from ie.narrative.rules import compact_view

    model = load_model(model_dir)
    # The model reads the prose as the rules do: site residue, page markers, hard line wraps and
    # letter spacing skipped, so a sentence wrapped over two lines is one window.
    view = compact_view(norm)
    compact, idx = view.c, view.idx

    def inward(spans):
        return [(bisect.bisect_left(idx, a), bisect.bisect_left(idx, b)) for a, b in spans]

    def outward(span):
        return None if span is None else view.span(*span)

    windows = number_windows(compact, model.max_len - 2, inward(exclude), quantities_only=True)
    if skip:
        known = inward(skip)
        windows = [w for w in windows if not _all_known(compact, w, known)]
    _, preds = predict_spans(model, compact, windows)
    preds = [dataclasses.replace(p, start=a, end=b, metric=outward(p.metric), period=outward(p.period))
             for p in preds for a, b in [view.span(p.start, p.end)]]
    year = getattr(meta, "year", None)
    return triples_from_predictions(text, norm, preds, year=year, source="model", issues=issues)
