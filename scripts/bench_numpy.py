# The numpy side of `npm run bench` (run by scripts/bench.ts with Debian's /usr/bin/python3 and
# OPENBLAS_NUM_THREADS=1). Reads one JSON request per line on stdin, answers one JSON line on stdout:
#   {"op": "info"}                                  -> numpy version, BLAS library and OpenBLAS core
#   {"op": "matmul", "n": 512}                      -> median ms of a @ b, (n, n) float64
#   {"op": "mha", "n": 256, "d": 256, "heads": 8}   -> median ms of multi-head self-attention forward
# Timing rule as in bench.ts: three warm-ups, then repeat until ~0.6 s (at least 3, at most 50), median.
import json, sys, time
import numpy as np

def median_ms(f):
    for _ in range(3):
        f()
    times, start = [], time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < 0.6 and len(times) < 50):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2]

def mha(x, wq, wk, wv, wo, heads):
    n, d = x.shape
    dk = d // heads
    q, k, v = ((x @ w).reshape(n, heads, dk).transpose(1, 0, 2) for w in (wq, wk, wv))  # heads x (n, dk)
    s = q @ k.transpose(0, 2, 1) / np.sqrt(dk)  # heads x (n, n)
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return (s @ v).transpose(1, 0, 2).reshape(n, d) @ wo

def info():
    out = {"numpy": np.__version__, "blas": "unknown", "corename": "unknown", "threads": None}
    try:
        from threadpoolctl import threadpool_info
        for lib in threadpool_info():
            if lib.get("internal_api") in ("openblas", "blis", "mkl"):
                out.update(blas=f'{lib["internal_api"]} {lib.get("version")} ({lib["filepath"]})', corename=lib.get("architecture"), threads=lib.get("num_threads"))
                break
    except ImportError:
        pass
    return out

rng = np.random.default_rng(2024)
for line in sys.stdin:
    req = json.loads(line)
    if req["op"] == "info":
        res = info()
    elif req["op"] == "matmul":
        n = req["n"]
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        res = {"ms": median_ms(lambda: a @ b)}
    elif req["op"] == "mha":
        n, d, h = req["n"], req["d"], req["heads"]
        x = rng.standard_normal((n, d))
        w = [rng.standard_normal((d, d)) / np.sqrt(d) for _ in range(4)]
        res = {"ms": median_ms(lambda: mha(x, *w, h))}
    else:
        res = {"error": f"unknown op {req['op']}"}
    print(json.dumps(res), flush=True)
