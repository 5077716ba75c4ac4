# Mistake: the variance path of dx is missing
# The mean path is there, but σ² depends on every x_i too: without the − x̂ · mean(g · x̂) term,
# dx · x̂ no longer sums to 0 along the row.
# Hint: 3
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    r = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * r
    lead = tuple(range(x.ndim - 1))
    g = dy * gamma
    dx = r * (g - np.mean(g, axis=-1, keepdims=True))
    return dx, np.sum(dy * xhat, axis=lead), np.sum(dy, axis=lead)
