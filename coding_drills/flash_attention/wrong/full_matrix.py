# Mistake: the whole (Tq, Tk) score matrix in memory at once
# Plain softmax(q kᵀ / √D) v, block_size ignored: the values are right, so small cases pass, but
# one (1536, 1536) float64 matrix is 18 MiB and the long case's budget is 4 MiB.
# Hint: 1
import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if causal:
        tq, tk = s.shape[-2:]
        s = np.where(np.tril(np.ones((tq, tk), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    return (p / p.sum(axis=-1, keepdims=True)) @ v
