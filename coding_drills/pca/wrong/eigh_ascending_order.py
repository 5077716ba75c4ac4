# Mistake: first k eigenvectors of eigh, which sorts ascending
# eigh returns the eigenvalues in ascending order, so its first k eigenvectors are the k
# directions of *least* variance; PCA wants the k largest, largest first.
# Hint: 1
# Arbitrary on: two_points, wide_data
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    evals, evecs = np.linalg.eigh(centred.T @ centred / (n - 1))
    components = evecs[:, :k].T.copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, evals[:k]
