# Mistake: ties go to the higher expert index (a reversed ascending sort)
# Reversing an ascending sort also reverses tied experts, putting them in descending index
# order. A stable sort by descending probability keeps ties at the lower index first.
# Hint: 2
import numpy as np


def moe_router(x, w_gate, k):
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    experts = np.argsort(probs, axis=-1, kind="stable")[:, ::-1][:, :k]
    top = np.take_along_axis(probs, experts, axis=-1)
    f = np.bincount(experts[:, 0], minlength=e) / n
    return top / top.sum(axis=-1, keepdims=True), experts, e * np.sum(f * probs.mean(axis=0))
