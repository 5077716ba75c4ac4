# Mistake: gradient sign flipped (onehot − softmax)
# ∂ℓ/∂z = softmax(z) − onehot(t); onehot − softmax is its negative, the direction of descent,
# not the gradient.
# Hint: 1
import numpy as np


def cross_entropy_backward(logits, targets, ignore_index=-100):
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    keep = targets != ignore_index
    rows = np.nonzero(keep)[0]
    p[rows, targets[rows]] -= 1.0
    p[~keep] = 0.0
    return -p / np.sum(keep)
