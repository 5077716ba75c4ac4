# Mistake: the sigmoid approximation x * sigmoid(1.702 x). Off by up to ~2e-2.
import numpy as np


def gelu(x):
    return x / (1.0 + np.exp(-1.702 * x))
