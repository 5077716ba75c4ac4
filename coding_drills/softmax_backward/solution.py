import numpy as np


def softmax_backward(y, dy, axis=-1):
    """dx = y * (dy - sum(dy * y)) along `axis`: the Jacobian-vector product of softmax."""
    inner = np.sum(dy * y, axis=axis, keepdims=True)
    return y * (dy - inner)
