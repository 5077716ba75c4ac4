import numpy as np


def embedding_backward(indices, dy, num_embeddings):
    """Gradient of y = W[indices] with respect to the table W.

    indices: int64 array of any shape I; dy: float64 of shape I + (D,).
    Returns dW: (num_embeddings, D); row v sums dy over every position whose id is v.
    """
    raise NotImplementedError
