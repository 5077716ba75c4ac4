# Mistake: mean subtracted first (LayerNorm, not RMSNorm)
# Centring x makes this LayerNorm without a bias; RMSNorm divides x itself by its root mean
# square and never subtracts the mean.
# Hint: 3
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    xc = x - np.mean(x, axis=-1, keepdims=True)
    return xc / np.sqrt(np.mean(xc * xc, axis=-1, keepdims=True) + eps) * weight
