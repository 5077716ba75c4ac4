import numpy as np


def sliding_window_attention(q, k, v, window):
    """A banded causal mask: key j visible from query i iff i - window < j <= i."""
    s = q.shape[-2]
    i = np.arange(s)[:, None]
    j = np.arange(s)[None, :]
    allowed = (j <= i) & (j > i - window)  # (S, S)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)  # the diagonal keeps every row finite
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v
