"""PyTorch peer of org.lowrank.bench.ExpandBench: the same models written with torch.nn, same sizes, batch,
optimizer (plain SGD), float32 and thread count.

Usage: /usr/bin/python3 bench/expand_peer.py THREADS REPEATS PASSES WARM MLP_STEPS CNN_STEPS
(run by the Java benchmark in the same run, which passes its own constants). Training: fastest single step over
PASSES passes over all cases (WARM untimed steps, then MLP_STEPS / CNN_STEPS timed ones), exactly as the Java side.
Prints one line per case: PEER <case> value=<number> (train: samples/s, and <case>_cpu by thread CPU time;
collapse, infer: seconds).
An expanded layer is the official scheme: Linear(in,h) -> (d-2) x Linear(h,h) -> Linear(h,out), h = out;
Conv2d k x k (padding) -> 1x1 ... -> 1x1 (stride), no non-linearity inside, then the layer's activation.
"""
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lin(i, o, depth):
    if depth == 1:
        return [nn.Linear(i, o)]
    return [nn.Linear(i, o)] + [nn.Linear(o, o) for _ in range(depth - 1)]


def conv(i, o, k, pad, depth):
    if depth == 1:
        return [nn.Conv2d(i, o, k, padding=pad)]
    return [nn.Conv2d(i, o, k, padding=pad)] + [nn.Conv2d(o, o, 1) for _ in range(depth - 1)]


def mlp(depth):
    return nn.Sequential(*lin(784, 256, depth), nn.ReLU(), *lin(256, 256, depth), nn.ReLU(), nn.Linear(256, 10))


def cnn(depth):
    return nn.Sequential(*conv(1, 16, 3, 1, depth), nn.ReLU(), nn.MaxPool2d(2),
                         *conv(16, 32, 3, 1, depth), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), *lin(32 * 7 * 7, 128, depth), nn.ReLU(), nn.Linear(128, 10))


def collapse(model):
    """Plain model with each run of linear layers (no activation between) folded into one (exact)."""
    layers, out, run = list(model), [], []

    def flush():
        if not run:
            return
        if isinstance(run[0], nn.Linear):
            w, b = run[0].weight, run[0].bias
            for m in run[1:]:
                w, b = m.weight @ w, m.weight @ b + m.bias
            new = nn.Linear(w.shape[1], w.shape[0])
        else:
            w, b = run[0].weight, run[0].bias
            for m in run[1:]:
                k2 = m.weight.shape[-1]
                w = F.conv2d(w.permute(1, 0, 2, 3), m.weight.flip(-1, -2), padding=k2 - 1).permute(1, 0, 2, 3)
                b = m.weight.sum((2, 3)) @ b + m.bias
            new = nn.Conv2d(w.shape[1], w.shape[0], w.shape[-1], padding=run[0].padding)
        new.weight.data.copy_(w)
        new.bias.data.copy_(b)
        out.append(new)
        run.clear()

    for m in layers:
        if isinstance(m, (nn.Linear, nn.Conv2d)) and (not run or type(m) is type(run[0])):
            run.append(m)
        else:
            flush()
            if isinstance(m, (nn.Linear, nn.Conv2d)):
                run.append(m)
            else:
                out.append(m)
    flush()
    return nn.Sequential(*out)


def best(fn, repeats):
    fn()
    t_best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best


def train_throughput(model, x, y, steps, warm):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

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
    threads = int(sys.argv[1])
    repeats = int(sys.argv[2])
    passes, warm, mlp_steps, cnn_steps = (int(a) for a in sys.argv[3:7])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    res = {}
    xm, ym = torch.randn(128, 784), torch.randint(0, 10, (128,))
    xc, yc = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    for _ in range(passes):
        for d in (1, 2, 4):
            tag = "plain" if d == 1 else f"d{d}"
            for key, (v, vc) in ((f"mlp_{tag}_train", train_throughput(mlp(d), xm, ym, mlp_steps, warm)),
                                 (f"cnn_{tag}_train", train_throughput(cnn(d), xc, yc, cnn_steps, warm))):
                res[key] = max(res.get(key, 0.0), v)
                res[key + "_cpu"] = max(res.get(key + "_cpu", 0.0), vc)
    with torch.no_grad():
        for name, build, x in (("mlp", mlp, torch.randn(1024, 784)), ("cnn", cnn, torch.randn(256, 1, 28, 28))):
            big = build(4).eval()
            res[f"{name}_d4_collapse"] = best(lambda: collapse(big), repeats)
            small = collapse(big).eval()
            err = (big(x) - small(x)).abs().max().item()
            assert err < 1e-3, f"{name}: collapsed differs by {err}"
            res[f"{name}_infer_expanded_d4"] = best(lambda: big(x), repeats)
            res[f"{name}_infer_collapsed"] = best(lambda: small(x), repeats)
    for k, v in res.items():
        print(f"PEER {k} value={v:.6g}", flush=True)


if __name__ == "__main__":
    main()
