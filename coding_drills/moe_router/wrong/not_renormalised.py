# Mistake: top-k weights not renormalised over the chosen experts
# The raw softmax probabilities of the k picked experts sum to less than 1 (unless k = E), so
# the layer's output shrinks. Each row of weights must sum to 1.
# Hint: 3
import numpy as np


def moe_router(x, w_gate, k):
    n, e = x.shape[0], w_gate.shape[0]
    logits = x @ w_gate.T
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = probs / probs.sum(axis=-1, keepdims=True)
    experts = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    weights = np.take_along_axis(probs, experts, axis=-1)
    f = np.bincount(experts[:, 0], minlength=e) / n
    return weights, experts, e * np.sum(f * probs.mean(axis=0))
