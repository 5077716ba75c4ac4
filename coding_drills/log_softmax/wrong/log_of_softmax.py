# Mistake: log of a softmax: −inf where a probability underflows
# The shifted softmax is stable, but exp(−1000) underflows to 0 and log 0 = −inf, while the true
# answer (−1000) is representable. Simplify first: log softmax(x)_i = x_i − log Σ_j e^(x_j).
# Hint: 1
import numpy as np


def log_softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return np.log(e / np.sum(e, axis=axis, keepdims=True))
