# Mistake: RMS treated as a constant in the backward
# dx = dy · w · r is only the direct path: r = (mean(x²) + ε)^(−1/2) depends on every x_i,
# and the gradient through r is lost.
# Hint: 2
import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return dy * weight * r, np.sum(dy * x * r, axis=tuple(range(x.ndim - 1)))
