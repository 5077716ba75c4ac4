# Mistake: the smoothing term is added to the full NLL instead of mixing the two: the target
# NLL must be weighted by (1 - eps).
import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing):
    m = np.max(logits, axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    nll = lse - logits[np.arange(len(targets)), targets]
    return np.mean(nll + smoothing * (lse - np.mean(logits, axis=1)))
