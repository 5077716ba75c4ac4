import numpy as np


def dropout(x, p, u):
    """Keep where u >= p, scale survivors by 1/(1-p); everything dropped when p = 1."""
    if p >= 1.0:
        return np.zeros_like(x)
    return np.where(u >= p, x / (1.0 - p), 0.0)
