import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    """Unbuffered scatter-add of every position's gradient into its id's row."""
    d = dy.shape[-1]
    dw = np.zeros((num_embeddings, d), dtype=dy.dtype)
    np.add.at(dw, indices.reshape(-1), dy.reshape(-1, d))
    return dw
