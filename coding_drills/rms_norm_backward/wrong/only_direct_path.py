# Mistake: treating the RMS as a constant: dx = dy * weight * r. The gradient through r,
# which depends on every x_i, is lost.
import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return dy * weight * r, np.sum(dy * x * r, axis=tuple(range(x.ndim - 1)))
