# Mistake: the full-sequence causal mask reused for one query row: np.tril(ones((1, T + 1)))
# is aligned top-left, so the new token (really at position T) only sees position 0.
import numpy as np


def decode_step(q_t, k_cache, v_cache, k_t, v_t):
    k = np.concatenate([k_cache, k_t], axis=2)
    v = np.concatenate([v_cache, v_t], axis=2)
    scores = q_t @ k.transpose(0, 1, 3, 2) / np.sqrt(q_t.shape[-1])
    allowed = np.tril(np.ones((1, k.shape[2]), dtype=bool))
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v, k, v
