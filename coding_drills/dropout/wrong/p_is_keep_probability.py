# Mistake: p read as the keep probability (TensorFlow 1's keep_prob)
# This keeps where u < p and scales by 1/p. PyTorch's p is the probability of dropping: keep
# where u ≥ p (probability 1 − p) and scale the survivors by 1/(1 − p).
# Hint: 1
import numpy as np


def dropout(x, p, u):
    if p <= 0.0:
        return np.zeros_like(x)
    return np.where(u < p, x / p, 0.0)
