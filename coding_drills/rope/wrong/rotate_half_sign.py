# Mistake: rotate_half with the sign on the wrong half
# Pairing (x2, −x1) with sin gives out1 = x1·cos + x2·sin: a rotation by −θ. The minus
# belongs on x2 in the first half: out1 = x1·cos − x2·sin.
# Hint: 3
import numpy as np


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = positions[:, None] * inv_freq[None, :]
    cos = np.concatenate([np.cos(angles)] * 2, axis=-1)
    sin = np.concatenate([np.sin(angles)] * 2, axis=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return x * cos + np.concatenate([x2, -x1], axis=-1) * sin
