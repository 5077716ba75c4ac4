# Mistake: the principal directions taken as the columns of Vt (Vt[:, :k].T) instead of its
# rows: for a square Vt the shape is right and the numbers are not.
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:, :k].T.copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, s[:k] ** 2 / (n - 1)
