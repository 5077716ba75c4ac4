# Mistake: p read as the keep probability (TensorFlow 1's keep_prob): keeps where u < p and
# scales by 1/p. PyTorch's p is the probability of dropping.
import numpy as np


def dropout(x, p, u):
    if p <= 0.0:
        return np.zeros_like(x)
    return np.where(u < p, x / p, 0.0)
