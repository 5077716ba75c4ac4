import numpy as np


def batch_norm_backward(x, gamma, dy, eps=1e-5):
    """Gradients of training-mode BatchNorm, y = gamma * (x - mean) / sqrt(var + eps) + beta.

    x, dy: (N, C) or (N, C, *spatial) float64; gamma: (C,). The mean and the biased variance
    are per channel, over every axis except axis 1, and depend on x.
    Returns (dx, dgamma, dbeta): dx has x's shape; dgamma and dbeta have shape (C,).
    """
    raise NotImplementedError
