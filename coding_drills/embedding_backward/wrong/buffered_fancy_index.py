# Mistake: dW[idx] += rows. NumPy buffers fancy-index assignment, so a repeated id gets only
# one of its gradients (the last write wins) instead of their sum.
import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    d = dy.shape[-1]
    dw = np.zeros((num_embeddings, d))
    dw[indices.reshape(-1)] += dy.reshape(-1, d)
    return dw
