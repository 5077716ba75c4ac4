import numpy as np


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads):
    """Queries from x, keys and values from context; heads split on the feature axis."""
    b, s_q, d_model = x.shape
    s_kv = context.shape[1]
    d_k = d_model // n_heads

    def split(t, s):  # (B, S, d_model) -> (B, H, S, d_k)
        return t.reshape(b, s, n_heads, d_k).transpose(0, 2, 1, 3)

    q = split(x @ w_q.T, s_q)
    k = split(context @ w_k.T, s_kv)
    v = split(context @ w_v.T, s_kv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)  # (B, H, S_q, S_kv)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)  # over the keys
    heads = w @ v  # (B, H, S_q, d_k)
    return heads.transpose(0, 2, 1, 3).reshape(b, s_q, d_model) @ w_o.T
