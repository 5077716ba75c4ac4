import numpy as np


def _log_softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))


def kl_divergence(p_logits, q_logits):
    """sum_c p_c (log p_c - log q_c) with both log-softmaxes computed stably."""
    log_p = _log_softmax(p_logits)
    log_q = _log_softmax(q_logits)
    return np.sum(np.exp(log_p) * (log_p - log_q), axis=-1)
