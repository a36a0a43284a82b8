"""Peer of org.lowrank.bench.SweepBench: a sweep of RUNS independent trainings run the way PyTorch users run one,
a Python loop over seeds in one process (torch's default intra-op threads = OMP_NUM_THREADS, all cores).

Usage: sweep_peer.py RUNS DEPTH WIDTH N STEPS LR. Each run: seeded data (x ~ N(0, I), y = x W*^T with a rank-4
target), a bias-free depth-DEPTH linear net, STEPS full-batch SGD steps on MSE in float64, then train/test loss and the
singular values of the end-to-end matrix at init and at the end (as the Java runner measures).
Prints PEER sweep seconds=<wall> cpu_seconds=<process CPU>.
"""
import os
import sys
import time

import torch

runs, depth, width, n, steps, lr = (int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
                                    int(sys.argv[5]), float(sys.argv[6]))
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
print(f"# sweep peer: torch {torch.__version__}, threads {torch.get_num_threads()}, "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}", file=sys.stderr)


def end_to_end(net):
    w = net[0].weight
    for layer in list(net)[1:]:
        w = layer.weight @ w
    return w


def one(seed):
    torch.manual_seed(seed)
    u, v = torch.randn(width, 4, dtype=torch.float64), torch.randn(4, width, dtype=torch.float64)
    target = u @ v
    target *= (width / (target ** 2).sum()).sqrt()
    x, xt = torch.randn(n, width, dtype=torch.float64), torch.randn(n, width, dtype=torch.float64)
    y, yt = x @ target.T, xt @ target.T
    net = torch.nn.Sequential(*[torch.nn.Linear(width, width, bias=False) for _ in range(depth)]).double()
    with torch.no_grad():
        torch.linalg.svdvals(end_to_end(net))
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    loss_fn = torch.nn.MSELoss()
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    with torch.no_grad():
        return loss_fn(net(x), y).item(), loss_fn(net(xt), yt).item(), torch.linalg.svdvals(end_to_end(net))


one(0)  # warm-up (the Java side warms up too)
t0, c0 = time.perf_counter(), time.process_time()
for seed in range(runs):
    one(seed)
print(f"PEER sweep seconds={time.perf_counter() - t0:.3f} cpu_seconds={time.process_time() - c0:.3f}", flush=True)
