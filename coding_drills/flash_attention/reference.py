import torch.nn.functional as F


def reference(q, k, v, causal=False, block_size=64):
    return F.scaled_dot_product_attention(q, k, v, is_causal=causal)
