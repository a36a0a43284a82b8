"""PyTorch peer of org.lowrank.bench.MlpBench: notebook 08's MLP (784-256-256-10, every hidden layer expanded to
DEPTH factors, the official scheme: Linear(in,h), (d-1) x Linear(h,h), then ReLU), batch 128, float32, softmax
cross-entropy, plain SGD (lr 0.01) or Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8), torch.set_num_threads(THREADS).

Usage: /usr/bin/python3 bench/mlp_peer.py THREADS PASSES WARM STEPS
Training is timed step by step, exactly as the Java side: PASSES passes over all cases, each WARM untimed steps then
STEPS timed ones; a case's number is its fastest step. Prints PEER <case> wall=<samples/s> cpu=<samples/s by this
thread's CPU time>; the BLAS torch runs and the OpenBLAS variables go to stderr.
"""
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lin(i, o, depth):
    return [nn.Linear(i, o)] + [nn.Linear(o, o) for _ in range(depth - 1)]


def mlp(depth):
    return nn.Sequential(*lin(784, 256, depth), nn.ReLU(), *lin(256, 256, depth), nn.ReLU(), nn.Linear(256, 10))


def fastest_step(model, opt, x, y, steps, warm):
    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(warm):
        step()
    t_best = c_best = float("inf")
    for _ in range(steps):
        c, t = time.thread_time(), time.perf_counter()
        step()
        t_best = min(t_best, time.perf_counter() - t)
        c_best = min(c_best, time.thread_time() - c)
    return x.shape[0] / t_best, x.shape[0] / c_best


def main():
    threads, passes, warm, steps = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    try:
        from threadpoolctl import threadpool_info
        blas = [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
    except ImportError:
        blas = "threadpoolctl not installed"
    print(f"# mlp peer: torch {torch.__version__}, threads {torch.get_num_threads()}, blas {blas}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}",
          file=sys.stderr)
    torch.manual_seed(0)
    x, y = torch.randn(128, 784), torch.randint(0, 10, (128,))
    res = {}
    for _ in range(passes):
        for d in (1, 2, 4):
            tag = "plain" if d == 1 else f"d{d}"
            for name in ("sgd", "adam"):
                model = mlp(d)
                opt = torch.optim.SGD(model.parameters(), lr=0.01) if name == "sgd" else \
                    torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
                w, c = fastest_step(model, opt, x, y, steps, warm)
                key = f"mlp_{tag}_{name}"
                old = res.get(key, (0.0, 0.0))
                res[key] = (max(old[0], w), max(old[1], c))
    for k, (w, c) in res.items():
        print(f"PEER {k} wall={w:.6g} cpu={c:.6g}", flush=True)


if __name__ == "__main__":
    main()
