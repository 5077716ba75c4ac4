# Mistake: heads split by a bare reshape, without the transpose
# Reshaping (B, S, d_model) straight to (B, H, S, d_k) cuts the sequence into heads, not the
# features: split the last axis into (H, d_k) first, then swap the S and H axes. No error.
# Hint: 2
import numpy as np


def multi_head_attention(x, w_q, w_k, w_v, w_o, n_heads, causal=False):
    b, s, d_model = x.shape
    d_k = d_model // n_heads

    def split(t):
        return t.reshape(b, n_heads, s, d_k)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)
    if causal:
        scores = np.where(np.tril(np.ones((s, s), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return (w @ v).reshape(b, s, d_model) @ w_o
