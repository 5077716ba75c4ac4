# Mistake: cdf over probabilities sorted in decreasing order
# A valid sampler too, but a different mapping from u to tokens: the drill's inverse CDF runs
# in vocabulary order, with no sorting.
import numpy as np


def sample_token(logits, temperature, u):
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    z = logits / temperature
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    order = np.argsort(-p, axis=-1, kind="stable")
    cdf = np.cumsum(np.take_along_axis(p, order, axis=-1), axis=-1)
    pos = np.minimum(np.sum(cdf <= np.asarray(u)[..., None], axis=-1), logits.shape[-1] - 1)
    return np.take_along_axis(order, pos[..., None], axis=-1)[..., 0].astype(np.int64)
