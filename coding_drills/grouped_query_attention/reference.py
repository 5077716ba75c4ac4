import torch.nn.functional as F


def reference(q, k, v):
    g = q.shape[1] // k.shape[1]
    k = k.repeat_interleave(g, dim=1)
    v = v.repeat_interleave(g, dim=1)
    return F.scaled_dot_product_attention(q, k, v)
