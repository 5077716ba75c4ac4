# Mistake: causal mask aligned top-left, not bottom-right
# The queries are the *last* Sq positions, not the first: with a KV cache (Sq < Sk) the new
# tokens cannot see most of the cache. Only when Sq = Sk do the two masks agree.
# Hint: 2
import numpy as np


def causal_attention(q, k, v):
    sq, sk = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.tril(np.ones((sq, sk), dtype=bool))
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / np.sum(w, axis=-1, keepdims=True)) @ v
