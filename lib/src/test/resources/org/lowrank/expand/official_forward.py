"""The official library's expanded forward (overparam: construct_computation_graph edges, graph_forward,
conv2d_identity, BatchNorm in eval mode, eps 1e-5), re-typed in torch, on weights exported by
OfficialSemanticsCrossCheckTest. Usage: /usr/bin/python3 official_forward.py DIR NAME DEPTH CONV STRIDE PADDING
RESIDUAL INTERVALS(comma separated). Prints: MAXDIFF <max |java expanded - official torch|>.
"""
import sys
from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F


def pad_to(s, d):
    pl = (d.size(3) - s.size(3)) // 2
    pr = d.size(3) - s.size(3) - pl
    pt = (d.size(2) - s.size(2)) // 2
    pb = d.size(2) - s.size(2) - pt
    return F.pad(s, [pl, pr, pt, pb], "constant", 0)


def conv2d_identity(identity, inputs):
    in_sz = identity.size(2)
    scale = round(in_sz / inputs.size(2))
    p = (identity.size(2) - scale * inputs.size(2)) // 2
    if p > 0:
        identity = identity[:, :, p:in_sz - p, p:in_sz - p]
    identity = F.interpolate(identity, scale_factor=1 / scale, mode="nearest")
    return pad_to(identity, inputs)


def main():
    d, name, depth, conv, stride, padding, residual, intervals = sys.argv[1:9]
    depth, conv, stride, padding = int(depth), conv == "true", int(stride), int(padding)
    residual = residual == "true"
    load = lambda k: torch.from_numpy(np.load(f"{d}/{name}_{k}.npy"))
    iv = [depth if int(n) == -1 else int(n) for n in intervals.split(",")]
    iv = list(OrderedDict.fromkeys(iv))
    res = {m: [] for m in range(1, depth + 1)}
    for n in (iv if residual else []):
        m = n
        while m <= depth:
            res[m].append(m - n)
            m += n
    nodes = [load("x")]
    for i in range(depth):
        w, b = load(f"W{i}"), load(f"b{i}").reshape(-1)
        if conv:
            out = F.conv2d(nodes[-1], w, b, stride=stride if i == depth - 1 else 1, padding=padding if i == 0 else 0)
            shp = (1, -1, 1, 1)
        else:
            out = nodes[-1] @ w + b.reshape(1, -1)
            shp = (1, -1)
        g, be, mu, var = (load(k + str(i)).reshape(shp) for k in ("gamma", "beta", "mean", "var"))
        out = (out - mu) / torch.sqrt(var + 1e-5) * g + be
        r = 0
        for s in res[i + 1]:
            r = r + (conv2d_identity(nodes[s], out) if conv else nodes[s])
        nodes.append(out + r)
    print(f"MAXDIFF {(nodes[-1] - load('y')).abs().max().item():.6e}")


if __name__ == "__main__":
    main()
