# Mistake: the inner product <dy, y> is summed over the last axis whatever `axis` says.
import numpy as np


def softmax_backward(y, dy, axis=-1):
    inner = np.sum(dy * y, axis=-1, keepdims=True)
    return y * (dy - inner)
