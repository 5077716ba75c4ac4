import numpy as np


def rope(x, positions, base=10000.0):
    """x * cos + rotate_half(x) * sin with angles positions * base**(-2i/D)."""
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)  # (D/2,)
    angles = positions[:, None] * inv_freq[None, :]  # (S, D/2)
    cos = np.concatenate([np.cos(angles)] * 2, axis=-1)  # (S, D)
    sin = np.concatenate([np.sin(angles)] * 2, axis=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    rotated = np.concatenate([-x2, x1], axis=-1)
    return x * cos + rotated * sin
