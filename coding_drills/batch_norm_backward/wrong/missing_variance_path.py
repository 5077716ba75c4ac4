# Mistake: the gradient through the variance is missing
# Only the mean's path is subtracted, dx = r·(g − mean(g)); the variance depends on x too,
# which adds the term −r·x̂·mean(g·x̂). dgamma and dbeta are right.
# Hint: 4
import numpy as np


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    r = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * r
    g = dy * gamma.reshape(shape)
    dx = r * (g - g.mean(axis=axes, keepdims=True))
    return dx, (dy * xhat).sum(axis=axes), dy.sum(axis=axes)
