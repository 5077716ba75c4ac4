# Mistake: strictly lower-triangular mask: no token sees itself
# Query i sits at position i + Sk − Sq and may see every key up to and including that position.
# Here each row misses its own key, and when Sq = Sk the first query has no key at all (NaN).
# Hint: 2
import numpy as np


def causal_attention(q, k, v):
    sq, sk = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.tril(np.ones((sq, sk), dtype=bool), k=sk - sq - 1)
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / np.sum(w, axis=-1, keepdims=True)) @ v
