import numpy as np


def label_smoothing_cross_entropy(logits, targets, smoothing):
    """(1 - eps) * NLL of the target + eps * mean NLL over all classes, from a stable lse."""
    m = np.max(logits, axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.sum(np.exp(logits - m), axis=1))
    nll = lse - logits[np.arange(len(targets)), targets]
    uniform = lse - np.mean(logits, axis=1)
    return np.mean((1.0 - smoothing) * nll + smoothing * uniform)
