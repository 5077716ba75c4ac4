# Mistake: partial windows at the edge kept (output size rounded up)
# Rounding up keeps windows that hang over the bottom or right edge. F.max_pool2d's default
# (ceil_mode=False) drops them: H_out = ⌊(H − kh) / sh⌋ + 1.
# Hint: 1
import math

import numpy as np


def max_pool2d(x, kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    sh, sw = (stride, stride) if np.isscalar(stride) else stride
    h_out = math.ceil((x.shape[2] - kh) / sh) + 1
    w_out = math.ceil((x.shape[3] - kw) / sw) + 1
    out = np.empty(x.shape[:2] + (h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]  # clipped at the edge
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out
