# Mistake: P_e from the top-k weights instead of the full softmax
# The renormalised top-k weights are 0 for unchosen experts; P_e must be the mean over all N
# tokens of the router's full softmax probability for expert e.
# Hint: 4
import numpy as np


def moe_router(x, w_gate, k):
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    top = np.take_along_axis(probs, experts, axis=-1)
    weights = top / top.sum(axis=-1, keepdims=True)
    dense = np.zeros_like(probs)
    np.put_along_axis(dense, experts, weights, axis=-1)
    f = np.bincount(experts[:, 0], minlength=e) / n
    return weights, experts, e * np.sum(f * dense.mean(axis=0))
