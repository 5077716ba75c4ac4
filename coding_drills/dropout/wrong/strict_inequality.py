# Mistake: keeps where u > p instead of u ≥ p
# An element with u == p is dropped when it should be kept, and p = 0 no longer keeps
# everything: u = 0 is a possible draw, and it gets dropped too.
# Hint: 1
import numpy as np


def dropout(x, p, u):
    if p >= 1.0:
        return np.zeros_like(x)
    return np.where(u > p, x / (1.0 - p), 0.0)
