# Mistake: keep where u > p: an element with u == p is dropped, and p = 0 no longer keeps
# everything (u = 0 is a possible draw).
import numpy as np


def dropout(x, p, u):
    if p >= 1.0:
        return np.zeros_like(x)
    return np.where(u > p, x / (1.0 - p), 0.0)
