# Mistake: off by one: threshold at the (k+1)-th largest value
# Index k of the descending sort is the (k+1)-th largest, so k + 1 entries survive; the
# threshold is the k-th largest, at index k − 1.
# Hint: 1
import numpy as np


def top_k_filter(logits, k):
    order = np.sort(logits, axis=-1)[..., ::-1]  # descending
    kth = order[..., min(k, logits.shape[-1] - 1)][..., None]
    return np.where(logits >= kth, logits, -np.inf)
