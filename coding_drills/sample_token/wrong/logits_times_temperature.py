# Mistake: logits multiplied by the temperature, not divided
# z · T makes T < 1 flatten the distribution and T > 1 sharpen it, the opposite of what
# temperature means; softmax(z / T) sharpens as T → 0.
import numpy as np


def sample_token(logits, temperature, u):
    if temperature == 0:
        return np.argmax(logits, axis=-1)
    z = logits * temperature
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    cdf = np.cumsum(p / p.sum(axis=-1, keepdims=True), axis=-1)
    index = np.sum(cdf <= np.asarray(u)[..., None], axis=-1)
    return np.minimum(index, logits.shape[-1] - 1).astype(np.int64)
