import numpy as np


def conv2d(x, weight, bias, stride=1, padding=0):
    """2-D convolution as F.conv2d (a cross-correlation: the kernel is not flipped).

    x: (N, C_in, H, W) float64; weight: (C_out, C_in, kh, kw); bias: (C_out,) or None.
    stride, padding: an int or a pair (for H, W); padding adds zeros on both sides.
    Returns (N, C_out, H_out, W_out), H_out = (H + 2*ph - kh) // sh + 1 (likewise W_out).
    """
    raise NotImplementedError
