# Mistake: log(softmax(x)). Softmax is stable, but exp(-1000) underflows to 0 and log(0) = -inf.
import numpy as np


def log_softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return np.log(e / np.sum(e, axis=axis, keepdims=True))
