import numpy as np


def _diagonal_nll(logits):
    """Mean over rows of -log softmax(row)[i], with a stable log-sum-exp."""
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.mean(lse - np.diag(logits))


def clip_contrastive_loss(image_emb, text_emb, temperature):
    """Normalise, score every pair, cross-entropy over rows and over columns."""
    image = image_emb / np.linalg.norm(image_emb, axis=1, keepdims=True)
    text = text_emb / np.linalg.norm(text_emb, axis=1, keepdims=True)
    logits = image @ text.T / temperature  # (N, N): image i against text j
    return (_diagonal_nll(logits) + _diagonal_nll(logits.T)) / 2
