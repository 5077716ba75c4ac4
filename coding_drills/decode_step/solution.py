import numpy as np


def decode_step(q_t, k_cache, v_cache, k_t, v_t):
    """Append on the position axis, then one row of attention: no mask needed."""
    k = np.concatenate([k_cache, k_t], axis=2)  # (B, H, T + 1, D)
    v = np.concatenate([v_cache, v_t], axis=2)
    scores = q_t @ k.transpose(0, 1, 3, 2) / np.sqrt(q_t.shape[-1])  # (B, H, 1, T + 1)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ v, k, v
