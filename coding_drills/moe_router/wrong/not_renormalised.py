# Mistake: the weights are the raw softmax probabilities of the chosen experts, not
# renormalised over the k picked: they sum to less than 1, so the layer's output shrinks.
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
