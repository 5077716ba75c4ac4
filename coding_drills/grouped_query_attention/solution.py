import numpy as np


def grouped_query_attention(q, k, v):
    """Repeat each KV head for its group of query heads, then plain attention."""
    g = q.shape[1] // k.shape[1]
    k = np.repeat(k, g, axis=1)  # KV head j -> query heads j*g ... j*g + g-1
    v = np.repeat(v, g, axis=1)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v
