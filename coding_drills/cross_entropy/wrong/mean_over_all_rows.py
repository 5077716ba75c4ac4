# Mistake: mean over all rows, ignored ones included
# The ignored rows are zeroed but still counted: dividing by N instead of the number of kept
# targets shrinks the loss by the fraction of padding.
# Hint: 3
import numpy as np


def cross_entropy(logits, targets, ignore_index=-100):
    m = np.max(logits, axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    keep = targets != ignore_index
    safe = np.where(keep, targets, 0)
    nll = lse - logits[np.arange(len(targets)), safe]
    return np.mean(np.where(keep, nll, 0.0))
