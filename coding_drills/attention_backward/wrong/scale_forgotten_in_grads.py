# Mistake: the 1/√D scale forgotten in dq and dk
# The forward computes S = q kᵀ / √D, so the chain rule multiplies dq and dk by 1/√D too;
# without it both come out √D times too large (dv is unaffected).
# Hint: 4
import numpy as np


def attention_backward(q, k, v, dout, causal=False):
    scale = 1.0 / np.sqrt(q.shape[-1])
    s = q @ np.swapaxes(k, -1, -2) * scale
    if causal:
        tq, tk = s.shape[-2:]
        s = np.where(np.tril(np.ones((tq, tk), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    ds = p * (dp - np.sum(p * dp, axis=-1, keepdims=True))
    return ds @ k, np.swapaxes(ds, -1, -2) @ q, dv
