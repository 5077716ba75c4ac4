# Mistake: top-left causal mask on the single query row
# A (1, T + 1) lower triangle aligned top-left lets the new token, really at position T, see
# only position 0. The newest token may see every cached key and itself: no mask is needed.
# Hint: 2
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
