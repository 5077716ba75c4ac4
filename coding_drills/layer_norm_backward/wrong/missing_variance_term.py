# Mistake: the mean path is there but the variance path (- xhat * mean(g * xhat)) is missing.
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    r = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * r
    lead = tuple(range(x.ndim - 1))
    g = dy * gamma
    dx = r * (g - np.mean(g, axis=-1, keepdims=True))
    return dx, np.sum(dy * xhat, axis=lead), np.sum(dy, axis=lead)
