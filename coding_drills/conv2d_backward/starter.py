import numpy as np


def conv2d_backward(x, weight, dy, stride=1, padding=0):
    """Gradients of y = conv2d(x, weight, bias, stride, padding) (NCHW, no flip, zero padding).

    x: (N, C_in, H, W), weight: (C_out, C_in, kh, kw), dy: (N, C_out, H_out, W_out), float64.
    stride, padding: an int or a pair (for H, for W).
    Returns (dx, dweight, dbias): shaped like x, weight and (C_out,).
    """
    raise NotImplementedError
