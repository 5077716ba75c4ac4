import numpy as np


def top_p_filter(logits, p):
    """Sort by probability, keep while the mass before the token is < p, scatter back."""
    order = np.argsort(-logits, axis=-1, kind="stable")  # most likely first
    sorted_logits = np.take_along_axis(logits, order, axis=-1)
    e = np.exp(sorted_logits - sorted_logits[..., :1])
    probs = e / e.sum(axis=-1, keepdims=True)
    before = np.cumsum(probs, axis=-1) - probs  # mass strictly before each token
    keep_sorted = before < p
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)
