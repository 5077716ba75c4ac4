# Mistake: treating mean and variance as constants: dx = dy * gamma / std. The gradient
# through the mean and the variance (which depend on every x_i) is lost.
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    r = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    lead = tuple(range(x.ndim - 1))
    return dy * gamma * r, np.sum(dy * (x - mu) * r, axis=lead), np.sum(dy, axis=lead)
