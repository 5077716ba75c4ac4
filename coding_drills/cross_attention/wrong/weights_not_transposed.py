# Mistake: square weights w_q and w_o not transposed
# PyTorch stores weights as (out, in), so a projection multiplies by the transpose. For w_k, w_v
# a shape error shows when d_ctx ≠ d_model; the square w_q, w_o silently give wrong numbers.
# Hint: 1
import numpy as np


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads):
    b, s_q, d_model = x.shape
    s_kv = context.shape[1]
    d_k = d_model // n_heads

    def split(t, s):
        return t.reshape(b, s, n_heads, d_k).transpose(0, 2, 1, 3)

    q = split(x @ w_q, s_q)
    k = split(context @ w_k.T, s_kv)
    v = split(context @ w_v.T, s_kv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return (w @ v).transpose(0, 2, 1, 3).reshape(b, s_q, d_model) @ w_o
