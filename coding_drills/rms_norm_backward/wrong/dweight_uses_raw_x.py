# Mistake: dweight from the raw x instead of x̂
# The weight multiplies the normalised x̂ = x · r, so dweight = Σ dy · x̂ over every token;
# Σ dy · x misses the factor r.
# Hint: 1
import numpy as np


def rms_norm_backward(x, weight, dy, eps=1e-6):
    r = 1.0 / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    xhat = x * r
    g = dy * weight
    dx = r * (g - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    return dx, np.sum(dy * x, axis=tuple(range(x.ndim - 1)))
