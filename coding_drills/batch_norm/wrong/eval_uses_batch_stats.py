# Mistake: batch statistics used in eval mode
# At inference BatchNorm normalises with running_mean and running_var, so one example's output
# does not depend on the rest of the batch; this normalises with the batch's own statistics.
# Hint: 2
import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    m = x.size // x.shape[1]
    mean = x.mean(axis=axes)
    var = ((x - mean.reshape(shape)) ** 2).mean(axis=axes)
    if training:
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * m / (m - 1)
    else:
        new_mean, new_var = running_mean.copy(), running_var.copy()
    xhat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * xhat + beta.reshape(shape), new_mean, new_var
