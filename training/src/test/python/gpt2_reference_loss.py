#!/usr/bin/env python3
"""An independent check of `export-model --format hf` and of the trainer: GPT-2's forward pass written here in PyTorch
from the published architecture (Radford et al. 2019; the GPT2LMHeadModel it is exported for), reading the exported
config.json and model.safetensors with nothing from corpusforge, scores the run's validation tokens the way
`evaluate` does (consecutive windows of context+1 tokens, overlapping by one token, from the start of the val split)
and must reproduce eval.json's loss within the tolerance. Given llm.c's model file (`--format llmc`) instead of the
directory, it reads that layout (train_gpt2.c's gpt2_build_from_checkpoint) and checks it the same way.

usage: gpt2_reference_loss.py EXPORT_DIR|LLMC_MODEL_BIN MANIFEST_JSON EVAL_JSON [--tolerance 1e-4]
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch


def read_safetensors(path):
    """safetensors: u64 little-endian header length, JSON header, then raw little-endian tensor data."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            sys.exit(f"{path}: {name} has dtype {info['dtype']}, expected F32")
        begin, end = info["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(info["shape"])
    return tensors


def read_hf(export_dir):
    cfg = json.load(open(os.path.join(export_dir, "config.json")))
    assert cfg["model_type"] == "gpt2" and cfg["activation_function"] == "gelu_new", cfg
    return cfg, read_safetensors(os.path.join(export_dir, "model.safetensors"))


def read_llmc(path):
    """llm.c's float32 model: 256 int32 header (magic 20240326, version 3, maxT, V, L, NH, C, padded V), then wte
    [Vp, C], wpe [maxT, C], and each per-layer tensor for all layers in turn; matrices are nn.Linear's [out, in]."""
    raw = open(path, "rb").read()
    header = struct.unpack("<256i", raw[:1024])
    if header[0] != 20240326 or header[1] != 3:
        sys.exit(f"{path}: magic {header[0]} version {header[1]}, expected 20240326 version 3")
    T, V, L, H, C, Vp = header[2:8]
    values = torch.frombuffer(bytearray(raw[1024:]), dtype=torch.float32)
    offset = 0

    def take(*shape):
        nonlocal offset
        n = math.prod(shape)
        t = values[offset:offset + n].reshape(shape)
        offset += n
        return t

    p = {"transformer.wte.weight": take(Vp, C)[:V], "transformer.wpe.weight": take(T, C)}
    layout = [("ln_1.weight", (C,)), ("ln_1.bias", (C,)), ("attn.c_attn.weight", (3 * C, C)),
              ("attn.c_attn.bias", (3 * C,)), ("attn.c_proj.weight", (C, C)), ("attn.c_proj.bias", (C,)),
              ("ln_2.weight", (C,)), ("ln_2.bias", (C,)), ("mlp.c_fc.weight", (4 * C, C)), ("mlp.c_fc.bias", (4 * C,)),
              ("mlp.c_proj.weight", (C, 4 * C)), ("mlp.c_proj.bias", (C,))]
    for name, shape in layout:
        for l in range(L):
            t = take(*shape)
            p[f"transformer.h.{l}.{name}"] = t.T if len(shape) == 2 else t  # to Conv1D's [in, out]
    p["transformer.ln_f.weight"], p["transformer.ln_f.bias"] = take(C), take(C)
    if offset != values.numel():
        sys.exit(f"{path}: {values.numel() - offset} values left over after the last tensor")
    cfg = {"n_layer": L, "n_head": H, "n_embd": C, "n_positions": T, "vocab_size": V, "layer_norm_epsilon": 1e-5,
           "tie_word_embeddings": True}
    return cfg, p


def read_val_tokens(manifest_path):
    """The val split's shards in manifest order as one stream (Megatron .bin: raw tokens; llm.c: 1,024-byte header)."""
    manifest = json.load(open(manifest_path))
    base = os.path.dirname(os.path.abspath(manifest_path))
    dtype = {"uint16": np.uint16, "int32": np.int32}[manifest["dtype"]]
    parts = []
    for shard in manifest["shards"]:
        if shard["split"] != "val":
            continue
        raw = open(os.path.join(base, shard["path"]), "rb").read()
        if shard["format"] == "llmc":
            magic = struct.unpack("<i", raw[:4])[0]
            raw, dtype_here = raw[1024:], (np.uint16 if magic == 20240520 else np.int32)
        else:
            dtype_here = dtype
        parts.append(np.frombuffer(raw, dtype=np.dtype(dtype_here).newbyteorder("<")).astype(np.int64))
    return torch.from_numpy(np.concatenate(parts))


def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)  # biased, as torch.nn.LayerNorm
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def gelu_tanh(u):  # GPT-2's "gelu_new"
    return 0.5 * u * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (u + 0.044715 * u ** 3)))


def logits(p, cfg, idx):
    """GPT-2: token + position embedding, pre-LN blocks (causal self-attention, GELU MLP), final LN, output layer.
    Conv1D weights are [in, out], so a projection is x @ W + b."""
    B, T = idx.shape
    C, H, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    x = p["transformer.wte.weight"][idx] + p["transformer.wpe.weight"][:T]
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(cfg["n_layer"]):
        h = f"transformer.h.{l}."
        a = layer_norm(x, p[h + "ln_1.weight"], p[h + "ln_1.bias"], eps)
        qkv = a @ p[h + "attn.c_attn.weight"] + p[h + "attn.c_attn.bias"]
        q, k, v = (t.view(B, T, H, C // H).transpose(1, 2) for t in qkv.split(C, dim=2))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)
        att = torch.softmax(att.masked_fill(~causal, float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ p[h + "attn.c_proj.weight"] + p[h + "attn.c_proj.bias"]
        m = layer_norm(x, p[h + "ln_2.weight"], p[h + "ln_2.bias"], eps)
        x = x + gelu_tanh(m @ p[h + "mlp.c_fc.weight"] + p[h + "mlp.c_fc.bias"]) @ p[h + "mlp.c_proj.weight"] \
            + p[h + "mlp.c_proj.bias"]
    x = layer_norm(x, p["transformer.ln_f.weight"], p["transformer.ln_f.bias"], eps)
    tied = cfg["tie_word_embeddings"]
    if tied == ("lm_head.weight" in p):
        sys.exit(f"tie_word_embeddings is {tied} but lm_head.weight is {'present' if tied else 'missing'}")
    return x @ (p["transformer.wte.weight"] if tied else p["lm_head.weight"]).T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export_dir")
    ap.add_argument("manifest")
    ap.add_argument("eval_json")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=8)
    args = ap.parse_args()
    cfg, p = read_hf(args.export_dir) if os.path.isdir(args.export_dir) else read_llmc(args.export_dir)
    expected = json.load(open(args.eval_json))
    context = cfg["n_positions"]
    windows = expected["tokens"] // context  # evaluate scores `windows` windows of context+1 tokens
    val = read_val_tokens(args.manifest)
    assert windows * context + 1 <= len(val), (windows, len(val))
    total, count = 0.0, 0
    torch.set_grad_enabled(False)
    for start in range(0, windows, args.batch):
        rows = torch.stack([val[w * context: w * context + context + 1] for w in range(start, min(windows, start + args.batch))])
        out = logits(p, cfg, rows[:, :-1])
        loss = torch.nn.functional.cross_entropy(out.reshape(-1, out.size(-1)), rows[:, 1:].reshape(-1), reduction="sum")
        total += loss.double().item()
        count += rows.size(0) * context
    loss = total / count
    diff = abs(loss - expected["loss"])
    print(f"PyTorch GPT-2 reference on {args.export_dir}: validation loss {loss:.6f} over {count} tokens; eval.json {expected['loss']:.6f}"
          f" over {expected['tokens']}; |difference| {diff:.2e} (tolerance {args.tolerance:g})")
    if count != expected["tokens"] or not diff <= args.tolerance:
        sys.exit("the exported model's loss differs from the trainer's evaluation")


if __name__ == "__main__":
    main()
