# Mistake: symmetric band |i − j| < window (sees the future)
# That is non-causal local attention: each query also sees the next window − 1 tokens.
# Query i may see only keys j with i − window < j ≤ i.
# Hint: 1
import numpy as np


def sliding_window_attention(q, k, v, window):
    s = q.shape[-2]
    i = np.arange(s)[:, None]
    j = np.arange(s)[None, :]
    allowed = np.abs(i - j) < window
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v
