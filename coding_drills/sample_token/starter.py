import numpy as np


def sample_token(logits, temperature, u):
    """Sample a token id by inverse-CDF sampling with a given uniform draw u.

    logits: (V,) float64 with u a float in [0, 1), or (B, V) with u of shape (B,).
    temperature == 0: the argmax (the first one on ties). Otherwise p = softmax(logits / T),
    cdf = cumsum(p) in vocabulary order, and the token is the smallest i with cdf[i] > u
    (clamped to V - 1). Returns an int64 scalar for (V,) logits, an int64 array (B,) else.
    """
    raise NotImplementedError
