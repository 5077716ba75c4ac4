import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    """Gradients of RMSNorm (last axis), y = x / sqrt(mean(x**2) + eps) * weight, given dy.

    x, dy: (..., D) float64; weight: (D,).
    Returns (dx, dweight): dx like x; dweight (D,), summed over all leading axes.
    """
    raise NotImplementedError
