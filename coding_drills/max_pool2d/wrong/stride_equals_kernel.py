# Mistake: the stride is ignored and windows are tiled side by side (stride = kernel_size),
# which only matches when the two are equal.
import numpy as np


def max_pool2d(x, kernel_size, stride):
    kh, kw = (kernel_size, kernel_size) if np.isscalar(kernel_size) else kernel_size
    n, c, h, w = x.shape
    h_out, w_out = h // kh, w // kw
    tiles = x[:, :, :h_out * kh, :w_out * kw].reshape(n, c, h_out, kh, w_out, kw)
    return tiles.max(axis=(3, 5))
