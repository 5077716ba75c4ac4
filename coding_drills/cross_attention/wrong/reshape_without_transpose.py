# Mistake: heads split by a bare reshape, no transpose
# (B, S, d_model) reshaped straight to (B, H, S, d_k) gives each head a run of whole positions
# cut into d_k-wide rows, not a d_k slice of every position's features. No error, wrong numbers.
# Hint: 2
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
