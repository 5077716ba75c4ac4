# Mistake: statistics over the batch axis (BatchNorm-style) instead of the feature axis.
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=0, keepdims=True)
    var = np.var(x, axis=0, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
