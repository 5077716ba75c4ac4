# Mistake: the root of the *sum* of squares (the L2 norm), not of the mean: off by sqrt(D).
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt(np.sum(x * x, axis=-1, keepdims=True) + eps) * weight
