# Mistake: logits multiplied by the temperature, not divided
# τ divides the cosine similarities (small τ, sharp softmax); multiplying by it confuses τ
# with CLIP's logit_scale = 1/τ.
# Hint: 1
import numpy as np


def _diagonal_nll(logits):
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.mean(lse - np.diag(logits))


def clip_contrastive_loss(image_emb, text_emb, temperature):
    image = image_emb / np.linalg.norm(image_emb, axis=1, keepdims=True)
    text = text_emb / np.linalg.norm(text_emb, axis=1, keepdims=True)
    logits = image @ text.T * temperature
    return (_diagonal_nll(logits) + _diagonal_nll(logits.T)) / 2
