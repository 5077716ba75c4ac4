import numpy as np


def quantize_int8(x):
    """scale = absmax / 127; q = round-half-even(x / scale), clipped, as int8."""
    absmax = np.max(np.abs(x))
    scale = absmax / 127.0 if absmax > 0 else 1.0
    q = np.clip(np.round(x / scale), -127, 127).astype(np.int8)
    return q, np.float64(scale)
