import torch
import torch.nn.functional as F


def reference(x, gamma, dy, eps=1e-5):
    x = x.clone().requires_grad_(True)
    gamma = gamma.clone().requires_grad_(True)
    beta = torch.zeros_like(gamma, requires_grad=True)
    F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps).backward(dy)
    return x.grad, gamma.grad, beta.grad
