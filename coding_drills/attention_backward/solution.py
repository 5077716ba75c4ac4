import numpy as np


def attention_backward(q, k, v, dout, causal=False):
    """Recompute P, then dV = Pᵀ dO, dS = P ⊙ (dP − rowsum(dO ⊙ O)), dQ = dS K s, dK = dSᵀ Q s."""
    scale = 1.0 / np.sqrt(q.shape[-1])
    s = q @ np.swapaxes(k, -1, -2) * scale  # (B, H, Tq, Tk)
    if causal:
        tq, tk = s.shape[-2:]
        s = np.where(np.tril(np.ones((tq, tk), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    out = p @ v
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    delta = np.sum(dout * out, axis=-1, keepdims=True)  # = rowsum(P ⊙ dP)
    ds = p * (dp - delta)
    dq = ds @ k * scale
    dk = np.swapaxes(ds, -1, -2) @ q * scale
    return dq, dk, dv
