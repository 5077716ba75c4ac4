# Mistake: softmax backward treated as elementwise
# dS = P ⊙ dP misses the term from the normalisation: each row of P sums to 1, so
# dS = P ⊙ (dP − rowsum(P ⊙ dP)). dv is right; dq and dk are wrong.
# Hint: 3
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
