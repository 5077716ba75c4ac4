import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    """LayerNorm over the last axis.

    x: (..., D) float64; gamma, beta: (D,).
    Returns gamma * (x - mean) / sqrt(var + eps) + beta, with the biased variance (divide by D).
    """
    raise NotImplementedError
