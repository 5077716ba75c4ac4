import torch
import torch.nn.functional as F


def reference(x, w, dy):
    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    b = torch.zeros(w.shape[0], dtype=w.dtype, requires_grad=True)
    F.linear(x, w, b).backward(dy)
    return x.grad, w.grad, b.grad
