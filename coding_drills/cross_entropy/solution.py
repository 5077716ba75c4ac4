import numpy as np


def cross_entropy(logits, targets, ignore_index=-100):
    """Mean NLL of the target class over kept targets, with a stable log-sum-exp."""
    m = np.max(logits, axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))  # (N,)
    keep = targets != ignore_index
    safe = np.where(keep, targets, 0)  # any valid index for ignored rows; masked below
    nll = lse - logits[np.arange(len(targets)), safe]
    return np.sum(np.where(keep, nll, 0.0)) / np.sum(keep)
