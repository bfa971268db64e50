"""The Transformer date translator's training recipe in PyTorch: the reference `npm run bench` times the
TypeScript training against (issue 23). It repeats `npm run train -- --model transformer` as faithfully as
PyTorch allows:

- the data, vocabulary, initial weights, positional encoding and batch order come from
  scripts/reference/dump_transformer_recipe.ts (so nothing here re-implements the date generator or the Rng);
- the same model (lib/seq2seq/transformer_model.ts): dModel 32, 4 heads, dFF 64, 2 + 2 post-norm layers
  LN(x + f(x)), padding masked as a key, causal decoder self-attention, weights in the x·W layout, 44,779
  parameters (asserted);
- the same loss (mean cross-entropy per output character), global-norm clipping at 1 (scaled by clip / norm
  only when norm > clip, as lib/seq2seq/train.ts's clipGradNorm), Adam (0.9, 0.999, 1e-8; torch.optim.Adam is
  the same update as lib/seq2seq/train.ts's, w -= lr·m̂ / (√v̂ + eps)), the warm-up then 1/√step schedule,
  batch 64, validation every 100 steps and the stopping rule (all 450 validation dates right at 5 evaluations
  in a row, at most 3,000 steps);
- float64, torch.set_num_threads(2), OpenBLAS on one thread (set before torch is imported: left at its
  default, OpenBLAS's own threads fight torch's).

Usage: .venv/bin/python scripts/reference/train_transformer_torch.py RECIPE.json [--steps N] [--threads N]
       [--dtype float64|float32] [--no-validation] [--json OUT.json]
torch is not in requirements/jupyter.txt; requirements/bench.txt pins it (pip install -r requirements/bench.txt).
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

PARAMETERS = 44_779


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("recipe", help="the JSON written by scripts/reference/dump_transformer_recipe.ts")
    ap.add_argument("--steps", type=int, default=None, help="max steps (default: the recipe's maxSteps)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    ap.add_argument("--no-validation", action="store_true", help="no validation and no early stopping (for timing)")
    ap.add_argument("--json", default=None, help="write the measurements here")
    return ap.parse_args()  # argparse refuses an unknown option


class Model:
    """The parameters by the TypeScript names (enc0.attn.wq, …) and the forward, functionally."""

    def __init__(self, d, dtype):
        cfg = d["recipe"]["config"]
        self.d, self.H = cfg["dModel"], cfg["numHeads"]
        self.enc_layers, self.dec_layers = cfg["encoderLayers"], cfg["decoderLayers"]
        self.p = {k: torch.tensor(v["data"], dtype=dtype).view(v["rows"], v["cols"]).requires_grad_() for k, v in d["params"].items()}
        pe = d["pe"]
        self.pe = torch.tensor(pe["data"], dtype=dtype).view(pe["rows"], pe["cols"])
        self.start = d["vocab"]["start"]
        count = sum(t.numel() for t in self.p.values())
        assert count == PARAMETERS, f"train_transformer_torch: {count} parameters, expected {PARAMETERS}"

    def embed(self, table, ids):  # ids (B, n) → (B, n, d)
        return self.p[table][ids] + self.pe[: ids.shape[1]]

    def mha(self, pre, xq, xkv, allowed):  # xq (B, nQ, d), xkv (B, nK, d), allowed (B or 1, 1, nQ or 1, nK)
        p, H = self.p, self.H
        B, nQ, d = xq.shape
        nK, dK = xkv.shape[1], d // H
        Q = (xq @ p[pre + ".wq"] + p[pre + ".bq"]).view(B, nQ, H, dK).transpose(1, 2)  # (B, H, nQ, dK)
        K = (xkv @ p[pre + ".wk"] + p[pre + ".bk"]).view(B, nK, H, dK).transpose(1, 2)  # (B, H, nK, dK)
        V = (xkv @ p[pre + ".wv"] + p[pre + ".bv"]).view(B, nK, H, dK).transpose(1, 2)  # (B, H, nK, dK)
        scores = (Q @ K.transpose(-1, -2)) / math.sqrt(dK)  # (B, H, nQ, nK)
        weights = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
        context = (weights @ V).transpose(1, 2).reshape(B, nQ, d)  # heads side by side
        return context @ p[pre + ".wo"] + p[pre + ".bo"]

    def norm(self, pre, x):
        return F.layer_norm(x, (self.d,), self.p[pre + ".gamma"].view(-1), self.p[pre + ".beta"].view(-1), 1e-5)

    def ffn(self, pre, x):
        p = self.p
        return torch.relu(x @ p[pre + ".w1"] + p[pre + ".b1"]) @ p[pre + ".w2"] + p[pre + ".b2"]

    def encode(self, ids, keep):  # ids, keep (B, T) → memory (B, T, d)
        x, allowed = self.embed("embIn", ids), keep[:, None, None, :]
        for i in range(self.enc_layers):
            x = self.norm(f"enc{i}.norm1", x + self.mha(f"enc{i}.attn", x, x, allowed))
            x = self.norm(f"enc{i}.norm2", x + self.ffn(f"enc{i}.ffn", x))
        return x

    def decode(self, memory, keep, prev):  # prev (B, n) → logits (B, n, 11)
        y, n = self.embed("embOut", prev), prev.shape[1]
        causal = torch.ones(n, n, dtype=torch.bool).tril()[None, None]
        cross = keep[:, None, None, :]
        for i in range(self.dec_layers):
            y = self.norm(f"dec{i}.norm1", y + self.mha(f"dec{i}.selfAttn", y, y, causal))
            y = self.norm(f"dec{i}.norm2", y + self.mha(f"dec{i}.crossAttn", y, memory, cross))
            y = self.norm(f"dec{i}.norm3", y + self.ffn(f"dec{i}.ffn", y))
        return y @ self.p["out.w"] + self.p["out.b"]

    def greedy(self, ids, keep, length=10):
        memory = self.encode(ids, keep)
        prev = torch.full((ids.shape[0], 1), self.start, dtype=torch.long)
        for _ in range(length):
            nxt = self.decode(memory, keep, prev)[:, -1].argmax(-1)
            prev = torch.cat([prev, nxt[:, None]], 1)
        return prev[:, 1:]


def encoder(vocab):
    inp, out = vocab["input"], vocab["output"]

    def batch(pairs):
        T = max(1, max(len(h) for h, _, _ in pairs))
        ids = torch.zeros(len(pairs), T, dtype=torch.long)
        for b, (h, _, _) in enumerate(pairs):
            ids[b, : len(h)] = torch.tensor([inp.index(c) + 1 for c in h])
        targets = torch.tensor([[out.index(c) for c in iso] for _, iso, _ in pairs])
        return ids, ids != 0, targets

    return batch


def accuracy(model, make, pairs, chunk=250):
    if not pairs:
        return 1.0
    right = 0
    with torch.no_grad():
        for i in range(0, len(pairs), chunk):
            ids, keep, targets = make(pairs[i : i + chunk])
            right += int((model.greedy(ids, keep) == targets).all(1).sum())
    return right / len(pairs)


def main():
    a = parse_args()
    torch.set_num_threads(a.threads)
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    torch.set_default_dtype(dtype)
    with open(a.recipe) as f:
        d = json.load(f)
    R = d["recipe"]
    steps = min(a.steps or R["maxSteps"], len(d["batches"]))
    model, make = Model(d, dtype), encoder(d["vocab"])
    params = list(model.p.values())
    opt = torch.optim.Adam(params, lr=R["lr"], betas=(0.9, 0.999), eps=1e-8)
    train, val, test = d["train"], d["validation"], d["test"]
    print(f"[torch {torch.__version__}] {len(train)} training pairs, {len(val)} validation, {len(test)} test; {PARAMETERS} parameters, "
          f"{a.dtype}, {torch.get_num_threads()} thread(s), OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}", flush=True)
    train_s = val_s = 0.0
    on_target, last, loss_v = 0, 0.0, float("nan")
    done = 0
    for step in range(1, steps + 1):
        t = time.perf_counter()
        ids, keep, targets = make([train[i] for i in d["batches"][step - 1]])
        prev = torch.cat([torch.full((ids.shape[0], 1), model.start, dtype=torch.long), targets[:, :-1]], 1)  # teacher forcing
        logits = model.decode(model.encode(ids, keep), keep, prev)  # (B, 10, 11)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        loss.backward()
        with torch.no_grad():
            norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(p.grad) for p in params]))
            if norm > R["clip"]:
                torch._foreach_mul_([p.grad for p in params], R["clip"] / float(norm))
        w = R.get("warmup")
        if w:
            opt.param_groups[0]["lr"] = R["lr"] * min(step / w, math.sqrt(w / step))
        opt.step()
        opt.zero_grad(set_to_none=True)
        loss_v = loss.item()
        train_s += time.perf_counter() - t
        done = step
        if not a.no_validation and step % R["evalEvery"] == 0:
            t = time.perf_counter()
            last = accuracy(model, make, val)
            val_s += time.perf_counter() - t
            on_target = on_target + 1 if last >= R["targetAccuracy"] else 0
            print(f"[torch] step {step} loss {loss_v:.4f} val acc {100 * last:.1f} % {train_s + val_s:.1f} s", flush=True)
            if on_target >= R.get("patience", 1):
                break
    per_format = [accuracy(model, make, [p for p in test if p[2] == f]) for f in range(len(d["formats"]))]
    test_acc = accuracy(model, make, test)
    print(f"[torch] {done} steps in {train_s:.1f} s ({1000 * train_s / done:.1f} ms a step; {train_s + val_s:.1f} s with validations); "
          f"test accuracy {100 * test_acc:.2f} % on {len(test)} unseen dates", flush=True)
    print("[torch] per format: " + ", ".join(f'"{f}" {100 * x:.1f} %' for f, x in zip(d["formats"], per_format)), flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"steps": done, "msPerStep": 1000 * train_s / done, "trainSeconds": train_s, "validationSeconds": val_s,
                       "finalLoss": loss_v, "testAccuracy": test_acc, "perFormat": per_format, "parameters": PARAMETERS,
                       "threads": torch.get_num_threads(), "dtype": a.dtype, "torch": torch.__version__}, f)


if __name__ == "__main__":
    main()
