import numpy as np


def sample_token(logits, temperature, u):
    """Count the cdf values <= u: that count is the first index whose cdf exceeds u."""
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)  # stable softmax: exp never sees a positive number
    p = np.exp(z)
    p = p / p.sum(axis=-1, keepdims=True)
    cdf = np.cumsum(p, axis=-1)
    u = np.asarray(u, dtype=np.float64)[..., None]
    index = np.sum(cdf <= u, axis=-1)
    return np.minimum(index, logits.shape[-1] - 1).astype(np.int64)
