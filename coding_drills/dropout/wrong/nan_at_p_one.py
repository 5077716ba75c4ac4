# Mistake: x * mask / (1 - p) with no special case: at p = 1 every element is 0 / 0 = NaN.
import numpy as np


def dropout(x, p, u):
    return x * (u >= p) / (1.0 - p)
