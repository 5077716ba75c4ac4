# Mistake: sum without keepdims, broadcast along the wrong axis
# Without its size-1 axis the sum lines up with the wrong dimension: for a square matrix and
# axis = −1, entry (i, j) is divided by row j's sum, not row i's; most other shapes raise.
# Hint: 3
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis)
