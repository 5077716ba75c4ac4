import numpy as np


def softmax(x, axis=-1):
    """Softmax of `x` along `axis`.

    x: float64 array of any shape (may contain -inf; logits may be as large as ±1000).
    Returns an array of the same shape whose slices along `axis` are non-negative and sum to 1.
    """
    raise NotImplementedError
