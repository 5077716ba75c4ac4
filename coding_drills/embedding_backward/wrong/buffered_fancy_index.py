# Mistake: buffered fancy-index += loses repeated ids
# dW[idx] += rows is buffered in NumPy: an id that occurs several times gets only one of its
# gradients (the last write wins) instead of their sum. It needs an unbuffered scatter-add.
# Hint: 3
import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    d = dy.shape[-1]
    dw = np.zeros((num_embeddings, d))
    dw[indices.reshape(-1)] += dy.reshape(-1, d)
    return dw
