# Mistake: f_e counts every one of the k assignments (divided by N·k) instead of the top-1
# choice only, as the pinned Switch-Transformer loss does.
import numpy as np


def moe_router(x, w_gate, k):
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    top = np.take_along_axis(probs, experts, axis=-1)
    f = np.bincount(experts.ravel(), minlength=e) / (n * k)
    return top / top.sum(axis=-1, keepdims=True), experts, e * np.sum(f * probs.mean(axis=0))
