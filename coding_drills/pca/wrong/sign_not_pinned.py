# Mistake: the signs left as the SVD routine returns them. Each row is a valid direction up to
# sign, but not the pinned one (largest-|value| entry positive).
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[:k], s[:k] ** 2 / (n - 1)
