import math

import numpy as np


def gelu(x):
    """Exact GELU: x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2))).

    x: float64 array of any shape. Returns float64 of the same shape (not the tanh approximation).
    """
    raise NotImplementedError
