import numpy as np


def pca(X, k):
    """Thin SVD of the centred data; rows of Vt are the directions, S**2/(n-1) the variances."""
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k].copy()
    biggest = np.argmax(np.abs(components), axis=1)  # first maximum on ties
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, s[:k] ** 2 / (n - 1)
