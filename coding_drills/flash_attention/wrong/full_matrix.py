# Mistake: plain softmax(q kᵀ / √D) v, with the whole (Tq, Tk) score matrix (and its exp) in
# memory at once and block_size ignored. The values are right, so every small case passes; the
# long case's 4 MiB budget fails it (one (1536, 1536) float64 matrix is 18 MiB).
import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if causal:
        tq, tk = s.shape[-2:]
        s = np.where(np.tril(np.ones((tq, tk), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    return (p / p.sum(axis=-1, keepdims=True)) @ v
