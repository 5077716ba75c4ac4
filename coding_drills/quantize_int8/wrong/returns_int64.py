# Mistake: right values, returned as int64 instead of int8
# int64 takes 8 bytes per value, as many as float64: the quantisation saves no memory. The
# codes must come back as int8, 1 byte each.
# Hint: 2
import numpy as np


def quantize_int8(x):
    absmax = np.max(np.abs(x))
    scale = absmax / 127.0 if absmax > 0 else 1.0
    return np.clip(np.round(x / scale), -127, 127).astype(np.int64), scale
