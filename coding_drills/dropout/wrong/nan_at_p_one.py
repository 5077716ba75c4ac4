# Mistake: no special case for p = 1: 0 / 0 gives NaN
# At p = 1 every mask entry is 0 and the scale 1/(1 − p) divides by zero, so each element is
# 0 / 0 = NaN. Dropping everything must give exact zeros, as PyTorch does.
# Hint: 3
import numpy as np


def dropout(x, p, u):
    return x * (u >= p) / (1.0 - p)
