"""numpy peer of org.lowrank.bench.RankBench: the same work, idiomatic (batched) numpy, float64.

Usage: /usr/bin/python3 bench/rank_peer.py   (run by the Java benchmark in the same run)
Prints one line per case: PEER <case> seconds=<best of repeats> mean_rho=<mean of rho>.
"""
import sys
import time

import numpy as np


def rho_batch(s):
    # paper's rho: entropy (nats) of L1-normalised singular values, s <= 1e-12 * s_max treated as 0
    s = np.where(s > 1e-12 * s.max(axis=-1, keepdims=True), s, 0.0)
    p = s / s.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log(p), 0.0).sum(axis=-1)


def single(rng, count, n):
    a = rng.standard_normal((count, n, n))
    return rho_batch(np.linalg.svd(a, compute_uv=False))


def products(rng, count, n, depth):
    p = rng.standard_normal((count, n, n))
    for _ in range(depth - 1):
        p = np.matmul(rng.standard_normal((count, n, n)), p)
    return rho_batch(np.linalg.svd(p, compute_uv=False))


def timed(fn, repeats):
    fn()  # warm-up, as the Java side
    best, out = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, float(np.mean(out))


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rng = np.random.default_rng(0)
    cases = {
        "rho_32x32_x10000": lambda: single(rng, 10000, 32),
        "rho_product_32x32_depth16_x1000": lambda: products(rng, 1000, 32, 16),
        "rho_product_16x16_depth16_x1000": lambda: products(rng, 1000, 16, 16),
    }
    for name, fn in cases.items():
        secs, mean = timed(fn, repeats)
        print(f"PEER {name} seconds={secs:.6f} mean_rho={mean:.4f}", flush=True)


if __name__ == "__main__":
    main()
