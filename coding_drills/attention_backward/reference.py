import torch
import torch.nn.functional as F


def reference(q, k, v, dout, causal=False):
    q, k, v = (t.clone().requires_grad_(True) for t in (q, k, v))
    F.scaled_dot_product_attention(q, k, v, is_causal=causal).backward(dout)
    return q.grad, k.grad, v.grad
