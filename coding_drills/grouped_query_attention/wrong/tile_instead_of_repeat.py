# Mistake: np.tile instead of np.repeat: the KV heads are cycled (0,1,0,1,...) instead of
# grouped (0,0,...,1,1,...), so most query heads read the wrong KV head.
import numpy as np


def grouped_query_attention(q, k, v):
    g = q.shape[1] // k.shape[1]
    k = np.tile(k, (1, g, 1, 1))
    v = np.tile(v, (1, g, 1, 1))
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / w.sum(axis=-1, keepdims=True)) @ v
