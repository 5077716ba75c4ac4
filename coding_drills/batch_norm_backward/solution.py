import numpy as np


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    """Per channel: dx = r * (g - mean(g) - xhat * mean(g * xhat)), with g = dy * gamma."""
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean = x.mean(axis=axes, keepdims=True)
    xc = x - mean
    var = (xc * xc).mean(axis=axes, keepdims=True)
    r = 1.0 / np.sqrt(var + eps)
    xhat = xc * r
    dbeta = dy.sum(axis=axes)
    dgamma = (dy * xhat).sum(axis=axes)
    g = dy * gamma.reshape(shape)  # the gradient reaching xhat
    dx = r * (g - g.mean(axis=axes, keepdims=True)
              - xhat * (g * xhat).mean(axis=axes, keepdims=True))
    return dx, dgamma, dbeta
