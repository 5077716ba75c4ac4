# Mistake: the sum loses its axis (no keepdims), so it broadcasts along the wrong axis:
# a square input silently divides row i by the sum of a different slice.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis)
