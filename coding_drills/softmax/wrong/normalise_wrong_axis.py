# Mistake: normalising over the wrong axis (axis 0, the batch) instead of `axis`.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
