"""Peer of org.lowrank.bench.TrainBench: PyTorch 1.13, full-batch SGD on bias-free deep nets.

Usage: train_peer.py SECONDS ROUNDS CASE [CASE ...], CASE = name:depth:width:n:act (act: linear or relu).
float64, MSE, plain SGD (lr 0.01), torch.set_num_threads from OMP_NUM_THREADS (the Java side uses the same count).
Per case: 1 s warm-up, then ROUNDS windows of SECONDS, the best window counts (like the Java side).
Prints PEER <case> steps_per_s=<x> steps_per_cpu_s=<y> (by wall clock and by this thread's CPU time); the BLAS torch runs (threadpoolctl) and the OpenBLAS variables go to stderr.
"""
import os
import sys
import time

import torch

seconds, rounds = float(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
try:
    from threadpoolctl import threadpool_info
    blas = [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
except ImportError:
    blas = "threadpoolctl not installed"
print(f"# peer: torch {torch.__version__}, threads {torch.get_num_threads()}, blas {blas}, "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}",
      file=sys.stderr)

for spec in sys.argv[3:]:
    name, depth, width, n, act = spec.split(":")
    depth, width, n = int(depth), int(width), int(n)
    torch.manual_seed(1)
    layers = []
    for i in range(depth):
        layers.append(torch.nn.Linear(width, width, bias=False))
        if act == "relu" and i < depth - 1:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers).double()
    x = torch.randn(n, width, dtype=torch.float64)
    y = torch.randn(n, width, dtype=torch.float64)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.MSELoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    end = time.perf_counter() + 1.0  # warm-up
    while time.perf_counter() < end:
        step()
    best, best_cpu = 0.0, 0.0
    for _ in range(rounds):
        steps, t0, c0 = 0, time.perf_counter(), time.thread_time()
        while time.perf_counter() - t0 < seconds:
            step()
            steps += 1
        best = max(best, steps / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, steps / max(time.thread_time() - c0, 1e-9))
    print(f"PEER {name} steps_per_s={best:.1f} steps_per_cpu_s={best_cpu:.1f}", flush=True)
