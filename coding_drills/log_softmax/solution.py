import numpy as np


def log_softmax(x, axis=-1):
    """log(softmax(x)) along `axis` via the log-sum-exp trick."""
    m = np.max(x, axis=axis, keepdims=True)
    shifted = x - m  # every entry <= 0
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))  # sum >= 1
