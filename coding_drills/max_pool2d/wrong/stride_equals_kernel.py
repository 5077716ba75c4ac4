# Mistake: stride ignored: windows tiled side by side
# Windows are placed every kernel_size, as if stride = kernel_size, so this matches only when
# the two are equal. Window (i, j) starts at row i·sh, column j·sw.
# Hint: 2
import numpy as np


def max_pool2d(x, kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    n, c, h, w = x.shape
    h_out, w_out = h // kh, w // kw
    tiles = x[:, :, :h_out * kh, :w_out * kw].reshape(n, c, h_out, kh, w_out, kw)
    return tiles.max(axis=(3, 5))
