# Mistake: dW sized indices.max() + 1 rows, not num_embeddings: the rows of ids that never
# occur in the batch are missing instead of being zeros.
import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    d = dy.shape[-1]
    idx = indices.reshape(-1)
    dw = np.zeros((int(idx.max()) + 1, d))
    np.add.at(dw, idx, dy.reshape(-1, d))
    return dw
