import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    """dx through the direct path and through r; dweight summed over every token."""
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    xhat = x * r
    g = dy * weight
    dx = r * (g - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    dweight = np.sum(dy * xhat, axis=tuple(range(x.ndim - 1)))
    return dx, dweight
