import numpy as np


def softmax(x, axis=-1):
    """Softmax of `x` along `axis`, stable for large logits and -inf entries."""
    m = np.max(x, axis=axis, keepdims=True)  # shift invariance: subtract the max
    e = np.exp(x - m)  # largest exponent is exp(0) = 1: no overflow
    return e / np.sum(e, axis=axis, keepdims=True)  # denominator >= 1
