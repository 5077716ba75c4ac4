import torch
import torch.nn.functional as F


def reference(dy, x, gamma, eps=1e-5):
    x = x.clone().requires_grad_(True)
    gamma = gamma.clone().requires_grad_(True)
    beta = torch.zeros_like(gamma, requires_grad=True)
    F.layer_norm(x, (x.shape[-1],), gamma, beta, eps).backward(dy)
    return x.grad, gamma.grad, beta.grad
