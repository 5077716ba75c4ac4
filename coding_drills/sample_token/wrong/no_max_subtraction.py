# Mistake: softmax without subtracting the row maximum
# At small T, logits / T reach thousands and exp overflows to inf; inf / inf is NaN, NaN
# never compares ≤ u, and the chosen token no longer depends on u.
# Hint: 2
import numpy as np


def sample_token(logits, temperature, u):
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    p = np.exp(logits / temperature)
    cdf = np.cumsum(p / p.sum(axis=-1, keepdims=True), axis=-1)
    index = np.sum(cdf <= np.asarray(u)[..., None], axis=-1)
    return np.minimum(index, logits.shape[-1] - 1).astype(np.int64)
