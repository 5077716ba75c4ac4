# Mistake: the right numbers in the wrong container: int64 (8 bytes each) saves no memory.
import numpy as np


def quantize_int8(x):
    absmax = np.max(np.abs(x))
    scale = absmax / 127.0 if absmax > 0 else 1.0
    return np.clip(np.round(x / scale), -127, 127).astype(np.int64), scale
