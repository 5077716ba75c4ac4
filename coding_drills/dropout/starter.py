import numpy as np


def dropout(x, p, u):
    """Inverted dropout in training mode.

    x: float64 array; p: drop probability in [0, 1]; u: uniform [0, 1) draws, x's shape.
    Keep x where u >= p, scaled by 1 / (1 - p); 0 elsewhere. p = 1 returns zeros.
    """
    raise NotImplementedError
