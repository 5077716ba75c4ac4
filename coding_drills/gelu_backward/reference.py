import torch.nn.functional as F


def reference(x, dy):
    x = x.clone().requires_grad_(True)
    F.gelu(x, approximate="none").backward(dy)
    return x.grad
