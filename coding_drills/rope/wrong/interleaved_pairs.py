# Mistake: interleaved pairs instead of the half-split layout
# This rotates (x0, x1), (x2, x3), … as in the original paper / GPT-J; the drill uses the
# GPT-NeoX / LLaMA layout, which pairs x_i with x_{i+D/2}.
# Hint: 2
import numpy as np


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    angles = positions[:, None] * inv_freq[None, :]
    cos, sin = np.cos(angles), np.sin(angles)
    xe, xo = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = xe * cos - xo * sin
    out[..., 1::2] = xo * cos + xe * sin
    return out
