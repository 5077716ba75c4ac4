# Mistake: KV heads cycled (tile) instead of grouped (repeat)
# The expanded KV heads run 0,1,0,1,... instead of 0,0,...,1,1,...: for Hq = 8, Hkv = 2 half the
# query heads read another group's keys and values. Query head h uses KV head h // g.
# Hint: 2
import numpy as np


def grouped_query_attention(q, k, v):
    g = q.shape[1] // k.shape[1]
    k = np.tile(k, (1, g, 1, 1))
    v = np.tile(v, (1, g, 1, 1))
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / w.sum(axis=-1, keepdims=True)) @ v
