import numpy as np


def sliding_window_attention(q, k, v, window):
    """Causal attention restricted to the last `window` positions.

    q, k, v: (B, H, S, D); window >= 1. Query i sees key j iff i - window < j <= i.
    Returns softmax(q k^T / sqrt(D) + mask) v, shape (B, H, S, D).
    """
    raise NotImplementedError
