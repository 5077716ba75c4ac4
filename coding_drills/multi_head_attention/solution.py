import numpy as np


def multi_head_attention(x, w_q, w_k, w_v, w_o, n_heads, causal=False):
    """Project, split heads, attend per head, merge, project."""
    b, s, d_model = x.shape
    d_k = d_model // n_heads

    def split(t):  # (B, S, d_model) -> (B, H, S, d_k)
        return t.reshape(b, s, n_heads, d_k).transpose(0, 2, 1, 3)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)  # (B, H, S, S)
    if causal:
        scores = np.where(np.tril(np.ones((s, s), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    heads = w @ v  # (B, H, S, d_k)
    merged = heads.transpose(0, 2, 1, 3).reshape(b, s, d_model)
    return merged @ w_o
