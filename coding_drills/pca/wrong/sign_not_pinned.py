# Mistake: component signs left as the SVD returns them
# Each row is a valid direction only up to sign; the drill pins the sign so that each row's
# largest-|value| entry is positive.
# Hint: 3
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[:k], s[:k] ** 2 / (n - 1)
