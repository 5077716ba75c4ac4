import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """BatchNorm over every axis except the channel axis 1, as F.batch_norm.

    x: (N, C) or (N, C, *spatial) float64; gamma, beta, running_mean, running_var: (C,).
    training=True: normalise with the batch mean and biased variance, and return running
    statistics updated as (1 - momentum) * old + momentum * batch (the variance: unbiased).
    training=False: normalise with the running statistics and return them unchanged.
    Returns (y, new_running_mean, new_running_var); do not modify the inputs.
    """
    raise NotImplementedError
