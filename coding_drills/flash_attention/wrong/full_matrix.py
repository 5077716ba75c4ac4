import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    """Right values, wrong memory: softmax(q kᵀ / √D) v with the whole (Tq, Tk) score matrix
    (and its exp) in memory at once, block_size ignored. It passes every small case and fails
    the long one on its memory budget."""
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if causal:
        tq, tk = s.shape[-2:]
        s = np.where(np.tril(np.ones((tq, tk), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    return (p / p.sum(axis=-1, keepdims=True)) @ v
