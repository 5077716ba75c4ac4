# Mistake: batch mean and variance treated as constants
# dx = dy·γ/√(var + ε) is the eval-mode gradient. In training both statistics depend on every x
# of the channel, so the two terms through the mean and through the variance are missing.
# Hint: 4
import numpy as np


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    r = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * r
    dx = dy * gamma.reshape(shape) * r
    return dx, (dy * xhat).sum(axis=axes), dy.sum(axis=axes)
