# Mistake: momentum weights the old statistic (Keras convention)
# new = momentum·old + (1 − momentum)·batch is the Keras/TF convention. In PyTorch momentum is
# the weight of the *new* batch statistic: (1 − momentum)·old + momentum·batch.
# Hint: 3
import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    if training:
        m = x.size // x.shape[1]
        mean = x.mean(axis=axes)
        var = ((x - mean.reshape(shape)) ** 2).mean(axis=axes)
        new_mean = momentum * running_mean + (1 - momentum) * mean
        new_var = momentum * running_var + (1 - momentum) * var * m / (m - 1)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    xhat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    return gamma.reshape(shape) * xhat + beta.reshape(shape), new_mean, new_var
