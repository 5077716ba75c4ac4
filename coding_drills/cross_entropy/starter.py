import numpy as np


def cross_entropy(logits, targets, ignore_index=-100):
    """Mean cross-entropy over the targets that are not `ignore_index`.

    logits:  (N, C) float64 scores.
    targets: (N,) int64 class indices in [0, C), or ignore_index.
    Returns a scalar: the mean of -log softmax(logits[n])[targets[n]] over kept n.
    """
    raise NotImplementedError
