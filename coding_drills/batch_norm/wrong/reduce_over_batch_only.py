# Mistake: statistics over the batch axis only
# BatchNorm shares one mean and variance per channel over N *and* L; reducing over axis 0
# alone gives a (C, L) grid, so each position is normalised with statistics of its own.
# Hint: 1
import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    if training:
        n = x.shape[0]
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        reduce = tuple(range(1, mean.ndim))
        new_mean = (1 - momentum) * running_mean + momentum * mean.mean(axis=reduce)
        new_var = (1 - momentum) * running_var + momentum * (var * n / (n - 1)).mean(axis=reduce)
        xhat = (x - mean) / np.sqrt(var + eps)
    else:
        new_mean, new_var = running_mean.copy(), running_var.copy()
        xhat = (x - running_mean.reshape(shape)) / np.sqrt(running_var.reshape(shape) + eps)
    return gamma.reshape(shape) * xhat + beta.reshape(shape), new_mean, new_var
