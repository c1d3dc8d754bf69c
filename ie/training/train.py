"""Fine-tune the narrative NER/relation model: corpus records -> chunks -> a model directory.

:func:`encode_record` cuts a corpus record into model chunks (sentences that contain a number,
within the record's annotated scope) with BIO tags and relation targets; :func:`train` runs the
loop; :func:`evaluate_model` scores entities (seqeval, strict IOB2), relations and triples.
"""
from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ie.errors import SettingsError
from ie.narrative.model import (LoadedModel, decode_bio, number_windows, predict_spans, save_model,
                                triples_from_predictions, window_heads, window_tokens)
from ie.segment.normalize import normalize
from ie.training.corpus import iter_qty_links, load_labels

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    """Every knob of a training run (saved in the model card and config)."""

    steps: int = 1500
    batch_size: int = 16
    max_len: int = 128
    lr: float = 1e-4
    head_lr: float = 1e-3
    warmup: int = 100
    weight_decay: float = 0.01
    freeze_embeddings: bool = False
    freeze_layers: int = 0
    seed: int = 13
    time_limit_min: float = 0.0
    log_every: int = 50
    eval_every: int = 0
    rel_weight: float = 1.0
    threads: int = 0
    extra: Dict[str, object] = field(default_factory=dict)


@dataclass
class Chunk:
    ids: List[int]
    tags: List[int]
    qtys: List[Tuple[int, int, Dict[str, Optional[int]]]]  # token span, rel -> candidate index (-1 null)
    cands: Dict[str, List[Tuple[int, int]]]


def record_windows(norm: str, meta: dict, max_chars: int) -> List[Tuple[int, int]]:
    """The model windows of a corpus record: sentences with a number inside ``meta``'s scope and
    outside its ``exclude`` spans (statistics tables), what inference sees of a report."""
    s0 = meta.get("scope_start") or 0
    e0 = meta.get("scope_end") or len(norm)
    exclude = [tuple(x) for x in meta.get("exclude") or ()]
    return [(s, e) for s, e in number_windows(norm[:e0], max_chars, exclude=exclude) if s >= s0]


def encode_record(rec: dict, model: LoadedModel, *, all_windows: bool = False) -> List[Chunk]:
    """Chunks of a corpus record, laid out as :func:`ie.narrative.model.window_tokens` does at inference.

    Only sentences with a number inside the record's scope and outside its ``meta.exclude`` spans
    (statistics tables) are kept (what inference sees), unless ``all_windows``. A model with
    ``head_chars`` also reads each window's paragraph-head clause; its PERIOD spans are link candidates.
    An entity cut by a chunk border gets no tag loss; a relation whose tail lies outside the chunk is
    marked unknown (no loss), never "null".
    """
    scheme = load_labels()
    tag_id = {t: i for i, t in enumerate(model.tags)}
    text = normalize(rec["text"])
    meta = rec.get("meta") or {}
    windows = record_windows(text, meta, model.max_len - 2)
    if all_windows:
        from ie.narrative.model import sentence_spans, split_chunks

        s0, e0 = meta.get("scope_start") or 0, meta.get("scope_end") or len(text)
        windows = [c for s, e in sentence_spans(text, s0, e0) for c in split_chunks(text, s, e, model.max_len - 2)]
    ents = rec["entities"]
    links = list(iter_qty_links(rec))
    rel_tail = {rel: scheme.relations[rel][1] for rel in model.relations}
    heads = window_heads(text, windows, model.head_chars) if model.head_chars else [None] * len(windows)
    out = []
    for (ws, we), head in zip(windows, heads):
        ids, body, pos = window_tokens(model, text, (ws, we), head)
        tok_of = {p: t for t, p in enumerate(pos) if p >= 0}
        tags: List[int] = [-100] + [tag_id["O"]] * (len(ids) - 2) + [-100]
        if head:
            tags[body - 1] = -100  # the [SEP] after the head
        cands: Dict[str, List[Tuple[int, int]]] = {rel: [] for rel in model.relations}
        for part, (ps, pe) in (("head", head), ("body", (ws, we))) if head else (("body", (ws, we)),):
            for e in ents:
                inside = ps <= e["start"] and e["end"] <= pe
                if not inside:
                    if e["start"] < pe and ps < e["end"]:  # cut by the border: no tag loss on it
                        for c in range(max(ps, e["start"]), min(pe, e["end"])):
                            tags[tok_of[c]] = -100
                    continue
                t0 = tok_of[e["start"]]
                tags[t0] = tag_id[f"B-{e['label']}"]
                for c in range(e["start"] + 1, e["end"]):
                    tags[tok_of[c]] = tag_id[f"I-{e['label']}"]
                for rel in model.relations:
                    # the head only offers PERIOD candidates, as at inference
                    if e["label"] == rel_tail[rel] and (part == "body" or e["label"] == "PERIOD"):
                        cands[rel].append((t0, tok_of[e["end"] - 1] + 1))
        for rel in cands:
            cands[rel].sort()
        qtys = []
        for q, metric, period in links:
            if not (ws <= q["start"] and q["end"] <= we):
                continue
            tgt: Dict[str, Optional[int]] = {}
            for rel, tail in (("metric", metric), ("period", period)):
                if rel not in cands:
                    continue
                if tail is None:
                    tgt[rel] = -1
                else:
                    a, z = tok_of.get(tail["start"]), tok_of.get(tail["end"] - 1)
                    span = (a, z + 1) if a is not None and z is not None else None
                    tgt[rel] = cands[rel].index(span) if span in cands[rel] else None
            qtys.append((tok_of[q["start"]], tok_of[q["end"] - 1] + 1, tgt))
        out.append(Chunk(ids, tags, qtys, cands))
    return out


def _batches(chunks: List[Chunk], batch_size: int, rng: random.Random):
    """Endless length-bucketed batches."""
    while True:
        idx = list(range(len(chunks)))
        rng.shuffle(idx)
        pool = sorted(idx[: batch_size * 50], key=lambda i: len(chunks[i].ids))
        rest = idx[batch_size * 50:]
        while pool:
            groups = [pool[i: i + batch_size] for i in range(0, len(pool), batch_size)]
            rng.shuffle(groups)
            for g in groups:
                yield [chunks[i] for i in g]
            pool = sorted(rest[: batch_size * 50], key=lambda i: len(chunks[i].ids))
            rest = rest[batch_size * 50:]


def _collate(batch: List[Chunk], pad_id: int):
    import torch

    width = max(len(c.ids) for c in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    tags = torch.full((len(batch), width), -100, dtype=torch.long)
    for r, c in enumerate(batch):
        ids[r, : len(c.ids)] = torch.tensor(c.ids)
        mask[r, : len(c.ids)] = 1
        tags[r, : len(c.tags)] = torch.tensor(c.tags)
    return ids, mask, tags


def _loss(model: LoadedModel, batch: List[Chunk], rel_weight: float):
    import torch
    import torch.nn.functional as F

    mod = model.module
    ids, mask, tags = _collate(batch, model.tokenizer.pad_id)
    hidden, logits = mod(ids, mask)
    tag_loss = F.cross_entropy(logits.view(-1, logits.size(-1)), tags.view(-1), ignore_index=-100)
    rel_losses = []
    for r, c in enumerate(batch):
        for qs, qe, tgt in c.qtys:
            for rel, t in tgt.items():
                if t is None:
                    continue
                sc = mod.rel_scores(hidden[r], rel, (qs, qe), c.cands[rel])
                rel_losses.append(F.cross_entropy(sc.view(1, -1), torch.tensor([t + 1])))
    rel_loss = torch.stack(rel_losses).mean() if rel_losses else tag_loss * 0
    return tag_loss + rel_weight * rel_loss, float(tag_loss.detach()), float(rel_loss.detach())


def train(model: LoadedModel, train_records: Sequence[dict], cfg: TrainConfig,
          dev_records: Sequence[dict] = (), progress=None) -> dict:
    """Fine-tune ``model`` in place on ``train_records``; returns a summary (steps, seconds, losses).

    Stops at ``cfg.steps`` or when ``cfg.time_limit_min`` (if > 0) is spent.
    """
    import torch

    if cfg.steps < 1 or cfg.batch_size < 1:
        raise SettingsError(f"steps and batch_size must be >= 1, got {cfg.steps!r}, {cfg.batch_size!r}")
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    chunks = [c for rec in train_records for c in encode_record(rec, model)]
    if not chunks:
        raise SettingsError("the training records produced no chunk (no sentence with a number)")
    log.info("training on %d chunks", len(chunks))
    mod = model.module
    mod.train()
    enc = mod.encoder
    frozen = set()
    if cfg.freeze_embeddings:
        frozen.update(id(p) for p in enc.embeddings.parameters())
    for layer in enc.encoder.layer[: cfg.freeze_layers]:
        frozen.update(id(p) for p in layer.parameters())
    enc_params = [p for p in enc.parameters() if id(p) not in frozen]
    for p in enc.parameters():
        p.requires_grad = id(p) not in frozen
    head_params = [p for n, p in mod.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": cfg.lr}, {"params": head_params, "lr": cfg.head_lr}],
                            weight_decay=cfg.weight_decay)

    t0 = time.time()

    def lr_factor(step: int) -> float:
        # Linear warmup, then linear decay over whichever budget runs out first (steps or time), so a
        # run cut by --time-limit on a busy machine still ends with a small learning rate.
        if step < cfg.warmup:
            return (step + 1) / cfg.warmup
        done = (step - cfg.warmup) / max(1, cfg.steps - cfg.warmup)
        if cfg.time_limit_min:
            done = max(done, (time.time() - t0) / (cfg.time_limit_min * 60))
        return max(0.02, 1 - done)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    hist: List[dict] = []
    run_tag = run_rel = 0.0
    step = 0
    for step, batch in enumerate(_batches(chunks, cfg.batch_size, rng), start=1):
        loss, tl, rl = _loss(model, batch, cfg.rel_weight)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(mod.parameters(), 1.0)
        opt.step()
        sched.step()
        run_tag += tl
        run_rel += rl
        if step % cfg.log_every == 0:
            rec = {"step": step, "tag_loss": round(run_tag / cfg.log_every, 4),
                   "rel_loss": round(run_rel / cfg.log_every, 4), "seconds": round(time.time() - t0, 1)}
            hist.append(rec)
            log.warning("step %(step)d tag_loss %(tag_loss).4f rel_loss %(rel_loss).4f %(seconds).0fs", rec)
            run_tag = run_rel = 0.0
            if progress:
                progress(rec)
        if cfg.eval_every and dev_records and step % cfg.eval_every == 0:
            mod.eval()
            log.warning("dev at step %d: %s", step, json.dumps(evaluate_model(model, dev_records)["entities"]))
            mod.train()
        if step >= cfg.steps or (cfg.time_limit_min and time.time() - t0 > cfg.time_limit_min * 60):
            break
    mod.eval()
    return {"steps": step, "train_seconds": round(time.time() - t0, 1), "chunks": len(chunks), "history": hist}


# ---------------------------------------------------------------------------------------- scoring


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "predicted": n_pred,
            "gold": n_gold}


def score_triple_rows(predicted: Sequence[dict], gold: Sequence[dict]) -> dict:
    """Triple (and quantity) P/R/F1 from the project's scorer ``ie.narrative.evaluate.score_triples``
    (quantity span equal; value, unit, period equal; metric spans overlap); without it, exact match on
    (doc, quantity span, metric span, value, period)."""
    try:
        from ie.narrative.evaluate import score_triples  # the project's one triple scorer
    except ImportError:
        score_triples = None
    if score_triples is not None:
        res = score_triples(predicted, gold)
        return {"triple": res["triple"], "quantity": res["quantity"], "kind_accuracy": res["kind_accuracy"],
                "approx_accuracy": res["approx_accuracy"], "metric_exact_accuracy": res["metric_exact_accuracy"]}

    def key(r):
        return (r["doc"], r["start"], r["end"], r["metric_start"], r["metric_end"], float(r["value"]), r["period"])

    g = {key(r) for r in gold}
    p = {key(r) for r in predicted}
    return {"triple": _prf(len(g & p), len(p), len(g))}


def evaluate_model(model: LoadedModel, records: Sequence[dict]) -> dict:
    """Entity seqeval (strict IOB2), relation P/R/F1 and triple P/R/F1 of ``model`` on ``records``.

    Entities are scored over the windows the model sees (sentences with a number, inside scope).
    """
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    from ie.training.corpus import to_seed_triples

    y_true: List[List[str]] = []
    y_pred: List[List[str]] = []
    rel_tp = rel_pred = rel_gold = 0
    pred_rows: List[dict] = []
    gold_rows: List[dict] = []
    for rec in records:
        text = rec["text"]
        norm = normalize(text)
        meta = rec.get("meta") or {}
        windows = record_windows(norm, meta, model.max_len - 2)
        ents, preds = predict_spans(model, norm, windows)
        for ws, we in windows:
            gt = ["O"] * (we - ws)
            pt = ["O"] * (we - ws)
            for e in rec["entities"]:
                if ws <= e["start"] and e["end"] <= we:
                    gt[e["start"] - ws] = f"B-{e['label']}"
                    for i in range(e["start"] - ws + 1, e["end"] - ws):
                        gt[i] = f"I-{e['label']}"
            for lab, s, e in ents:
                if ws <= s and e <= we:
                    pt[s - ws] = f"B-{lab}"
                    for i in range(s - ws + 1, e - ws):
                        pt[i] = f"I-{lab}"
            y_true.append(gt)
            y_pred.append(pt)
        gold_rel = set()
        for q, m, p in iter_qty_links(rec):
            if m:
                gold_rel.add((q["start"], q["end"], "metric", m["start"], m["end"]))
            if p:
                gold_rel.add((q["start"], q["end"], "period", p["start"], p["end"]))
        pred_rel = set()
        for p in preds:
            if p.metric:
                pred_rel.add((p.start, p.end, "metric") + p.metric)
            if p.period:
                pred_rel.add((p.start, p.end, "period") + p.period)
        rel_tp += len(gold_rel & pred_rel)
        rel_pred += len(pred_rel)
        rel_gold += len(gold_rel)
        doc = meta.get("doc", rec["id"])
        for t in triples_from_predictions(text, norm, preds, year=meta.get("year")):
            pred_rows.append({"doc": doc, **t.to_dict()})
        gold_rows += [r for r in to_seed_triples(rec) if r["value"] is not None]
    ent = {"precision": round(precision_score(y_true, y_pred, mode="strict", scheme=IOB2), 4),
           "recall": round(recall_score(y_true, y_pred, mode="strict", scheme=IOB2), 4),
           "f1": round(f1_score(y_true, y_pred, mode="strict", scheme=IOB2), 4)}
    per = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    ent["per_label"] = {k: {m: round(float(v), 4) for m, v in d.items()} for k, d in per.items()
                        if k in load_labels().entities}
    return {"entities": ent, "relations": _prf(rel_tp, rel_pred, rel_gold),
            "triples": score_triple_rows(pred_rows, gold_rows), "documents": len(records)}


def write_model_card(out_dir, *, base: str, cfg: TrainConfig, data: dict, summary: dict, metrics: dict,
                     size_bytes: int) -> None:
    """README.md next to the weights: data, label scheme, base, steps, scores."""
    scheme = load_labels()
    lines = [
        "# ogi-ie narrative NER/relation model",
        "",
        "Character-level BIO tagger (QTY, METRIC, PERIOD) with QTY->METRIC and QTY->PERIOD pointer heads,",
        "for Chinese government information disclosure annual reports (政府信息公开工作年度报告).",
        "",
        f"- Base: {base}",
        f"- Label scheme: ie/resources/labels.yaml version {scheme.version}, tags {scheme.tags}",
        f"- Training data: {json.dumps(data, ensure_ascii=False)}",
        f"- Steps: {summary.get('steps')} x batch {cfg.batch_size} x <= {cfg.max_len} chars, "
        f"{summary.get('train_seconds')} s on CPU, {summary.get('chunks')} training chunks",
        f"- Config: {json.dumps({k: v for k, v in asdict(cfg).items() if k != 'extra'}, ensure_ascii=False)}",
        f"- Weights: model.safetensors, {size_bytes / 1e6:.1f} MB",
        "",
        "## Scores",
        "",
        "```json",
        json.dumps(metrics, ensure_ascii=False, indent=1),
        "```",
        "",
        "Entity scores are seqeval strict IOB2 over the sentences that contain a number; relation scores",
        "count exact (QTY span, relation, tail span) matches; triple scores use the project's triple scorer.",
    ]
    (Path(out_dir) / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
