import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing):
    """Mean cross-entropy against the target (1 - smoothing) * onehot + smoothing / C.

    logits: (N, C) float64; targets: (N,) int64 in [0, C); smoothing: float in [0, 1].
    Returns a scalar; must stay finite for logits of ±1000.
    """
    raise NotImplementedError
