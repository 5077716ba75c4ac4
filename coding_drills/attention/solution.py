import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k) + mask) v, with a stable softmax over the key axis."""
    d_k = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_k)  # (..., Sq, Sk)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)  # True = may attend
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / np.sum(weights, axis=-1, keepdims=True)
    return weights @ v  # (..., Sq, Dv)
