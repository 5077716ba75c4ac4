# Mistake: statistics over the batch axis only
# Each channel's mean, variance and the means in dx run over N *and* the spatial axes; over
# axis 0 alone x̂ is wrong, and with it dx and dgamma (dbeta, a plain sum, stays right).
# Hint: 1
import numpy as np


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean = x.mean(axis=0, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=0, keepdims=True)
    r = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * r
    g = dy * gamma.reshape(shape)
    dx = r * (g - g.mean(axis=0, keepdims=True) - xhat * (g * xhat).mean(axis=0, keepdims=True))
    rest = tuple(range(1, x.ndim - 1))  # fold what is left into (C,)
    return dx, (dy * xhat).sum(axis=0).sum(axis=rest), dy.sum(axis=0).sum(axis=rest)
