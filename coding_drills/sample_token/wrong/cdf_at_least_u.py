# Mistake: first token with cdf ≥ u instead of cdf > u
# On a boundary (u equal to a cdf value) it picks the token before, and u = 0 with masked
# tokens in front picks a token of probability 0.
# Hint: 3
import numpy as np


def sample_token(logits, temperature, u):
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    z = logits / temperature
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p / p.sum(axis=-1, keepdims=True), axis=-1)
    index = np.sum(cdf < np.asarray(u)[..., None], axis=-1)
    return np.minimum(index, logits.shape[-1] - 1).astype(np.int64)
