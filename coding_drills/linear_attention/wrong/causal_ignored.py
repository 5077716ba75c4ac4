# Mistake: the global (non-causal) sums used for both modes: with causal=True every query still
# sums over all positions, the future included.
import numpy as np


def linear_attention(q, k, v, causal=False):
    fq = np.where(q > 0, q + 1.0, np.exp(np.minimum(q, 0.0)))
    fk = np.where(k > 0, k + 1.0, np.exp(np.minimum(k, 0.0)))
    num = fq @ (fk.transpose(0, 1, 3, 2) @ v)
    den = np.sum(fq * fk.sum(axis=2)[:, :, None, :], axis=-1, keepdims=True)
    return num / den
