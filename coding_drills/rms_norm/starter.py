import numpy as np


def rms_norm(x, weight, eps=1e-6):
    """RMSNorm over the last axis: x / sqrt(mean(x**2) + eps) * weight.

    x: (..., D) float64; weight: (D,). Returns x's shape. No mean subtraction, no bias.
    """
    raise NotImplementedError
