# Mistake: survivors not scaled by 1/(1 − p)
# Training-time activations shrink by (1 − p) on average, so in eval mode (no dropout) the
# network sees larger activations than it was trained on. Inverted dropout keeps E[y] = x.
# Hint: 2
import numpy as np


def dropout(x, p, u):
    return x * (u >= p)
