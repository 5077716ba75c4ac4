# Mistake: only the image -> text cross-entropy (softmax over each row); CLIP's loss is
# symmetric and also normalises over each column (text -> image).
import numpy as np


def clip_contrastive_loss(image_emb, text_emb, temperature):
    image = image_emb / np.linalg.norm(image_emb, axis=1, keepdims=True)
    text = text_emb / np.linalg.norm(text_emb, axis=1, keepdims=True)
    logits = image @ text.T / temperature
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.mean(lse - np.diag(logits))
