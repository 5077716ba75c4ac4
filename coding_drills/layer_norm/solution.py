import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    """LayerNorm over the last axis: biased variance, eps inside the square root."""
    mu = np.mean(x, axis=-1, keepdims=True)
    xc = x - mu
    var = np.mean(xc * xc, axis=-1, keepdims=True)  # divide by D (ddof=0)
    return gamma * (xc / np.sqrt(var + eps)) + beta
