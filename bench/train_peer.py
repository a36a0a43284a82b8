"""Peer of org.lowrank.bench.TrainBench: PyTorch 1.13, full-batch SGD on a bias-free deep linear net.

Usage: train_peer.py DEPTH WIDTH N LR SECONDS. float64, one thread, MSE; prints steps_per_s=<x>.
"""
import sys
import time

import torch

depth, width, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
lr, seconds = float(sys.argv[4]), float(sys.argv[5])
torch.set_num_threads(1)
torch.manual_seed(1)
net = torch.nn.Sequential(*[torch.nn.Linear(width, width, bias=False) for _ in range(depth)]).double()
x = torch.randn(n, width, dtype=torch.float64)
y = torch.randn(n, width, dtype=torch.float64)
opt = torch.optim.SGD(net.parameters(), lr=lr)
loss_fn = torch.nn.MSELoss()


def step():
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()


end = time.perf_counter() + 1.0  # warm-up
while time.perf_counter() < end:
    step()
steps, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < seconds:
    step()
    steps += 1
print(f"torch={torch.__version__}")
print(f"steps_per_s={steps / (time.perf_counter() - t0):.1f}")
