# Mistake: log of a softmax: NaN once a probability underflows
# A probability that underflows to 0 has log 0 = −inf, and p · (log p − log q) becomes
# 0 · (−inf) = NaN (or inf where only q underflows). Work with log-softmaxes throughout.
# Hint: 2
import numpy as np


def _softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def kl_divergence(p_logits, q_logits):
    p, q = _softmax(p_logits), _softmax(q_logits)
    return np.sum(p * (np.log(p) - np.log(q)), axis=-1)
