# Mistake: eps added outside the square root: x / (sqrt(mean(x^2)) + eps).
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / (np.sqrt(np.mean(x * x, axis=-1, keepdims=True)) + eps) * weight
