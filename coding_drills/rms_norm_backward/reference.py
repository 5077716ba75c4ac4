import torch.nn.functional as F


def reference(x, weight, dy, eps=1e-6):
    x = x.clone().requires_grad_(True)
    weight = weight.clone().requires_grad_(True)
    F.rms_norm(x, (x.shape[-1],), weight, eps).backward(dy)
    return x.grad, weight.grad
