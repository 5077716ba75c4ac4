import numpy as np


def top_k_filter(logits, k):
    """Threshold at the k-th largest value of each row."""
    k = min(k, logits.shape[-1])
    kth = np.partition(logits, -k, axis=-1)[..., -k:].min(axis=-1, keepdims=True)
    return np.where(logits >= kth, logits, -np.inf)
