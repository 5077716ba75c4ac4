# Mistake: window's lower edge only, no causal j ≤ i
# With only j > i − window every query also attends to every later token; the band needs
# both edges, i − window < j ≤ i.
# Hint: 1
import numpy as np


def sliding_window_attention(q, k, v, window):
    s = q.shape[-2]
    i = np.arange(s)[:, None]
    j = np.arange(s)[None, :]
    allowed = j > i - window
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v
