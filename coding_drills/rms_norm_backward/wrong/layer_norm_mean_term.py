# Mistake: LayerNorm's −mean(g) term copied into RMSNorm's backward
# RMSNorm does not subtract the mean, so there is no mean path to differentiate: only the
# direct path and the path through r remain.
# Hint: 3
import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    xhat = x * r
    g = dy * weight
    dx = r * (g - np.mean(g, axis=-1, keepdims=True)
              - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    return dx, np.sum(dy * xhat, axis=tuple(range(x.ndim - 1)))
