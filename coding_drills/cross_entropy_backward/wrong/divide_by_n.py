# Mistake: dividing by N (all rows) instead of the number of kept targets.
import numpy as np


def cross_entropy_backward(logits, targets, ignore_index=-100):
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    keep = targets != ignore_index
    rows = np.nonzero(keep)[0]
    p[rows, targets[rows]] -= 1.0
    p[~keep] = 0.0
    return p / len(targets)
