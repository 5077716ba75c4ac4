# Mistake: normalised over axis 0 instead of `axis`
# The max is taken along `axis` but the sum always along axis 0 (the batch), so unless axis
# is 0 the slices along `axis` do not sum to 1.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
