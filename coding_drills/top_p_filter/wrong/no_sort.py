# Mistake: cumulative sum in vocabulary order, not by probability
# The nucleus is the smallest set of the *most likely* tokens: accumulate the mass in order of
# decreasing probability, then map the decision back to vocabulary order.
# Hint: 1
import numpy as np


def top_p_filter(logits, p):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    before = np.cumsum(probs, axis=-1) - probs
    return np.where(before < p, logits, -np.inf)
