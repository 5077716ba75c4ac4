# Mistake: off by one: the threshold is the (k+1)-th largest value, so k+1 entries survive.
import numpy as np


def top_k_filter(logits, k):
    order = np.sort(logits, axis=-1)[..., ::-1]  # descending
    kth = order[..., min(k, logits.shape[-1] - 1)][..., None]
    return np.where(logits >= kth, logits, -np.inf)
