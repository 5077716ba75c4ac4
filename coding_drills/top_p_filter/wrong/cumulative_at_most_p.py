# Mistake: keeps tokens whose cumulative mass is ≤ p
# Counting the token's own probability drops the token that crosses p, and when the top token
# alone exceeds p nothing survives. Keep a token while the mass *before* it is < p.
# Hint: 2
import numpy as np


def top_p_filter(logits, p):
    order = np.argsort(-logits, axis=-1, kind="stable")
    sorted_logits = np.take_along_axis(logits, order, axis=-1)
    e = np.exp(sorted_logits - sorted_logits[..., :1])
    probs = e / e.sum(axis=-1, keepdims=True)
    keep_sorted = np.cumsum(probs, axis=-1) <= p
    keep = np.empty_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)
