# Mistake: frequencies base^(−i/D) instead of base^(−2i/D)
# For pair i = 0 … D/2 − 1 the exponent is 2i/D: with i/D the slowest pair's frequency is
# about base^(−1/2) instead of 1/base, so it rotates far too fast.
# Hint: 1
import numpy as np


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(d // 2) / d)
    angles = positions[:, None] * inv_freq[None, :]
    cos = np.concatenate([np.cos(angles)] * 2, axis=-1)
    sin = np.concatenate([np.sin(angles)] * 2, axis=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return x * cos + np.concatenate([-x2, x1], axis=-1) * sin
