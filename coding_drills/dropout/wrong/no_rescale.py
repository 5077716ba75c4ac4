# Mistake: the mask without the 1/(1 - p) scale: training-time activations shrink by (1 - p),
# so eval mode (no dropout) would see larger activations than training did.
import numpy as np


def dropout(x, p, u):
    return x * (u >= p)
