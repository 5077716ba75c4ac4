# Mistake: each row divided by how often its id occurs
# That averages a repeated id's gradients instead of summing them: it is F.embedding's
# scale_grad_by_freq=True, not the default. Row v gets the plain sum of dy over its positions.
import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    d = dy.shape[-1]
    idx = indices.reshape(-1)
    dw = np.zeros((num_embeddings, d))
    np.add.at(dw, idx, dy.reshape(-1, d))
    counts = np.bincount(idx, minlength=num_embeddings)
    return dw / np.maximum(counts, 1)[:, None]
