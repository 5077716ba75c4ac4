# Mistake: splitting heads with a bare reshape (B, S, d_model) -> (B, H, S, d_k): it slices the
# positions into heads instead of the features. No error, wrong numbers.
import numpy as np


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads):
    b, s_q, d_model = x.shape
    s_kv = context.shape[1]
    d_k = d_model // n_heads
    q = (x @ w_q.T).reshape(b, n_heads, s_q, d_k)
    k = (context @ w_k.T).reshape(b, n_heads, s_kv, d_k)
    v = (context @ w_v.T).reshape(b, n_heads, s_kv, d_k)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return (w @ v).reshape(b, s_q, d_model) @ w_o.T
