"""Reference trajectories from PyTorch for OptimizerTorchTest: reads JSON {A, b, x0, steps} on stdin,
minimizes f(x) = 0.5 x'Ax - b'x with each torch.optim optimizer, prints JSON {name: [x_1, ..., x_steps]}."""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
spec = json.load(sys.stdin)
A = torch.tensor(spec["A"])
b = torch.tensor(spec["b"])
steps = spec["steps"]
makers = {
    "SGD": lambda p: torch.optim.SGD(p, lr=0.05),
    "Momentum": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9),
    "Nesterov": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
    "Adam": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.9, 0.999), eps=1e-8),
    "AdamW": lambda p: torch.optim.AdamW(p, lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
    "RMSProp": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8),
}
out = {"torch": torch.__version__}
for name, make in makers.items():
    x = torch.tensor(spec["x0"], requires_grad=True)
    opt = make([x])
    traj = []
    for _ in range(steps):
        opt.zero_grad()
        f = 0.5 * x @ (A @ x) - b @ x
        f.backward()
        opt.step()
        traj.append(x.detach().tolist())
    out[name] = traj
print(json.dumps(out))
