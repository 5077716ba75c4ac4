# Mistake: mask polarity inverted
# True is treated as "masked out" (the key_padding_mask convention), but in SDPA's boolean mask
# True means "may attend": here the scores that must be kept are the ones set to −inf.
# Hint: 3
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / np.sum(weights, axis=-1, keepdims=True)
    return weights @ v
