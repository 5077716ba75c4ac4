import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """Per-channel statistics over (N, *spatial); the running variance takes the unbiased one."""
    axes = (0,) + tuple(range(2, x.ndim))          # every axis but the channels
    shape = (1, -1) + (1,) * (x.ndim - 2)          # (C,) -> broadcastable against x
    if training:
        m = x.size // x.shape[1]                   # values per channel: N * L
        mean = x.mean(axis=axes)
        var = ((x - mean.reshape(shape)) ** 2).mean(axis=axes)   # biased: normalises
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * m / (m - 1)  # unbiased
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    xhat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    y = gamma.reshape(shape) * xhat + beta.reshape(shape)
    return y, new_mean, new_var
