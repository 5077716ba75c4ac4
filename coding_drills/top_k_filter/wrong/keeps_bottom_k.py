# Mistake: keeps the k smallest logits instead of the k largest
# Partition and sort order ascending: the k-th position from the front is the k-th smallest,
# so the filter keeps the bottom k. The threshold is the k-th largest value.
# Hint: 2
import numpy as np


def top_k_filter(logits, k):
    k = min(k, logits.shape[-1])
    kth = np.partition(logits, k - 1, axis=-1)[..., k - 1:k]
    return np.where(logits <= kth, logits, -np.inf)
