import numpy as np


def decode_step(q_t, k_cache, v_cache, k_t, v_t):
    """One decode step with a KV cache: append k_t, v_t to the caches, then attend.

    q_t, k_t, v_t: (B, H, 1, D); k_cache, v_cache: (B, H, T, D), T may be 0.
    Returns (out (B, H, 1, D), k_cache (B, H, T + 1, D), v_cache (B, H, T + 1, D)),
    the new entries last; out = softmax(q_t K^T / sqrt(D)) V over all T + 1 positions.
    """
    raise NotImplementedError
