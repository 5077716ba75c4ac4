import numpy as np


def max_pool2d(x, kernel_size, stride):
    """Max pooling over the last two axes, as F.max_pool2d (no padding, floor mode).

    x: (N, C, H, W) float64. kernel_size, stride: an int or a pair (for H, W).
    Returns (N, C, H_out, W_out) with H_out = (H - kh) // sh + 1 (likewise W_out); the
    window of out[..., i, j] starts at row i * sh, column j * sw.
    """
    raise NotImplementedError
