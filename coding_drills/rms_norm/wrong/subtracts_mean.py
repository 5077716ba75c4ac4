# Mistake: centring x first (that is LayerNorm without beta), RMSNorm does not subtract the mean.
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    xc = x - np.mean(x, axis=-1, keepdims=True)
    return xc / np.sqrt(np.mean(xc * xc, axis=-1, keepdims=True) + eps) * weight
