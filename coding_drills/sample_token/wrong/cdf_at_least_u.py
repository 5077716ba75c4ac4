# Mistake: the first token with cdf >= u (np.searchsorted's default side='left') instead of
# cdf > u. On a boundary it picks the token before, and u = 0 picks a token of probability 0.
import numpy as np


def sample_token(logits, temperature, u):
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    z = logits / temperature
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p / p.sum(axis=-1, keepdims=True), axis=-1)
    index = np.sum(cdf < np.asarray(u)[..., None], axis=-1)
    return np.minimum(index, logits.shape[-1] - 1).astype(np.int64)
