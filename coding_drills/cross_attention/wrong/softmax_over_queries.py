# Mistake: softmax over the query axis instead of the keys
# Each key's weights then sum to 1 across the queries; it is each query's weights over the
# keys that must. With S_q ≠ S_kv the shapes still work, so nothing complains.
# Hint: 3
import numpy as np


def cross_attention(x, context, w_q, w_k, w_v, w_o, n_heads):
    b, s_q, d_model = x.shape
    s_kv = context.shape[1]
    d_k = d_model // n_heads

    def split(t, s):
        return t.reshape(b, s, n_heads, d_k).transpose(0, 2, 1, 3)

    q = split(x @ w_q.T, s_q)
    k = split(context @ w_k.T, s_kv)
    v = split(context @ w_v.T, s_kv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_k)
    scores = scores - scores.max(axis=-2, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-2, keepdims=True)
    return (w @ v).transpose(0, 2, 1, 3).reshape(b, s_q, d_model) @ w_o.T
