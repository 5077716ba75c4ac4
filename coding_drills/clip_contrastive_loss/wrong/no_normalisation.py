# Mistake: no L2 normalisation: the logits are raw dot products, so the norms of the embeddings
# (not only their directions) decide the loss.
import numpy as np


def _diagonal_nll(logits):
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.mean(lse - np.diag(logits))


def clip_contrastive_loss(image_emb, text_emb, temperature):
    logits = image_emb @ text_emb.T / temperature
    return (_diagonal_nll(logits) + _diagonal_nll(logits.T)) / 2
