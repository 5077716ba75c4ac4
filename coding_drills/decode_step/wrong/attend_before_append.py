# Mistake: attending before appending the new key and value
# The new token never sees its own key and value (and with an empty cache there is nothing to
# attend to at all): the cache is extended first, then all T + 1 positions are attended.
# Hint: 1
import numpy as np


def decode_step(q_t, k_cache, v_cache, k_t, v_t):
    scores = q_t @ k_cache.transpose(0, 1, 3, 2) / np.sqrt(q_t.shape[-1])
    if scores.shape[-1]:
        scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    out = w @ v_cache
    return out, np.concatenate([k_cache, k_t], axis=2), np.concatenate([v_cache, v_t], axis=2)
