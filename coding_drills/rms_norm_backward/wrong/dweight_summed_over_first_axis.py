# Mistake: dweight summed over the first axis only
# For (B, S, D) input that leaves shape (S, D), but the weight is shared by every token of
# every sequence: sum over all axes but the last, giving (D,).
# Hint: 4
import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    xhat = x * r
    g = dy * weight
    dx = r * (g - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    return dx, np.sum(dy * xhat, axis=0)
