# Mistake: off by one: i − window ≤ j lets window + 1 keys through
# Once i ≥ window a query sees itself and the window keys before it, one too many: the lower
# edge is strict, i − window < j.
# Hint: 1
import numpy as np


def sliding_window_attention(q, k, v, window):
    s = q.shape[-2]
    i = np.arange(s)[:, None]
    j = np.arange(s)[None, :]
    allowed = (j <= i) & (j >= i - window)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v
