# Mistake: dS = P ⊙ dP, treating the softmax like an elementwise function: the
# "− rowsum(P ⊙ dP)" term from the normalisation is missing, so dq and dk are wrong.
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
    ds = p * (dout @ np.swapaxes(v, -1, -2))
    return ds @ k * scale, np.swapaxes(ds, -1, -2) @ q * scale, dv
