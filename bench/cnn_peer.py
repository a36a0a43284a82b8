"""PyTorch peer of org.lowrank.bench.CnnBench: the same CNN (plain and with every conv/dense layer expanded into a
linear chain, official overparam scheme: k x k then (d-1) 1 x 1 convs, dense out -> out), same batch, same loss
and optimizer, same thread count; training examples per second.

Usage: /usr/bin/python3 bench/cnn_peer.py THREADS STEPS   (run by the Java benchmark in the same run)
Timing as the Java side: 3 untimed warm-up steps, then STEPS steps timed one by one; the fastest step counts, by
wall clock and by the thread's CPU time.
Prints: PEER <case> examples_per_s=<x> params=<n> cpu_examples_per_s=<y>, then PEER rss peak_mb=<VmHWM>.
"""
import resource
import sys
import time

import torch
import torch.nn as nn

CHANNELS = (32, 64, 128, 128)
HIDDEN, CLASSES, BATCH, SIZE = 128, 10, 64, 28


def conv(cin, cout, depth):
    layers = [nn.Conv2d(cin, cout, 3, padding=1)]
    layers += [nn.Conv2d(cout, cout, 1) for _ in range(depth - 1)]
    return nn.Sequential(*layers, nn.ReLU())


def dense(fin, fout, depth, relu):
    layers = [nn.Linear(fin, fout)] + [nn.Linear(fout, fout) for _ in range(depth - 1)]
    return nn.Sequential(*layers, *( [nn.ReLU()] if relu else []))


def model(depth):
    c1, c2, c3, c4 = CHANNELS
    return nn.Sequential(
        conv(1, c1, depth), nn.MaxPool2d(2),
        conv(c1, c2, depth), nn.MaxPool2d(2),
        conv(c2, c3, depth), conv(c3, c4, depth),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        dense(c4, HIDDEN, depth, True), dense(HIDDEN, CLASSES, depth, False))


def bench(depth, steps):
    torch.manual_seed(0)
    net = model(depth)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(BATCH, 1, SIZE, SIZE)
    y = torch.randint(0, CLASSES, (BATCH,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(net(x), y).backward()
        opt.step()

    for _ in range(3):
        step()
    best = best_cpu = float("inf")
    for _ in range(steps):
        c, t = time.thread_time(), time.perf_counter()
        step()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.thread_time() - c)
    return BATCH / best, sum(p.numel() for p in net.parameters()), BATCH / best_cpu


def peak_rss_mb():
    # VmHWM of this process. Not ru_maxrss: Linux carries the parent's (the JVM's) high-water mark across the
    # vfork/exec that started this script.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024.0


def main():
    threads, steps = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    for name, depth in (("plain", 1), ("expanded_d2", 2), ("expanded_d4", 4)):
        rate, params, cpu_rate = bench(depth, steps)
        print(f"PEER {name} examples_per_s={rate:.3f} params={params} cpu_examples_per_s={cpu_rate:.3f}", flush=True)
    print(f"PEER rss peak_mb={peak_rss_mb():.1f}", flush=True)


if __name__ == "__main__":
    main()
