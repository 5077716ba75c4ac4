# Mistake: only the image → text direction
# Cross-entropy over each row alone; CLIP's loss is symmetric and averages it with the
# text → image one, over each column (the rows of the transposed logits).
# Hint: 3
import numpy as np


def clip_contrastive_loss(image_emb, text_emb, temperature):
    image = image_emb / np.linalg.norm(image_emb, axis=1, keepdims=True)
    text = text_emb / np.linalg.norm(text_emb, axis=1, keepdims=True)
    logits = image @ text.T / temperature
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.mean(lse - np.diag(logits))
