# Mistake: the new key and value put in front of the cache. Attention itself does not care about
# the order, so `out` is right, but the cache is now out of position order: position 0 holds
# the newest token, and every later step (and RoPE / ALiBi positions) goes wrong.
import numpy as np


def decode_step(q_t, k_cache, v_cache, k_t, v_t):
    k = np.concatenate([k_t, k_cache], axis=2)
    v = np.concatenate([v_t, v_cache], axis=2)
    scores = q_t @ k.transpose(0, 1, 3, 2) / np.sqrt(q_t.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v, k, v
