# Mistake: descending order as np.argsort(probs)[:, ::-1]: reversing an ascending sort puts
# tied experts in *descending* index order, so ties go to the higher index.
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
