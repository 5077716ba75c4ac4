import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    """dx through the mean and variance paths; dgamma, dbeta summed over tokens."""
    mu = np.mean(x, axis=-1, keepdims=True)
    xc = x - mu
    r = 1.0 / np.sqrt(np.mean(xc * xc, axis=-1, keepdims=True) + eps)
    xhat = xc * r
    lead = tuple(range(x.ndim - 1))
    dbeta = np.sum(dy, axis=lead)
    dgamma = np.sum(dy * xhat, axis=lead)
    g = dy * gamma
    dx = r * (g - np.mean(g, axis=-1, keepdims=True)
              - xhat * np.mean(g * xhat, axis=-1, keepdims=True))
    return dx, dgamma, dbeta
