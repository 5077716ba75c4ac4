# Mistake: a top-left aligned mask (np.tril(ones((Sq, Sk)))), as if the queries were the first
# Sq positions: with a KV cache, the new tokens cannot see most of the cache.
import numpy as np


def causal_attention(q, k, v):
    sq, sk = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.tril(np.ones((sq, sk), dtype=bool))
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / np.sum(w, axis=-1, keepdims=True)) @ v
