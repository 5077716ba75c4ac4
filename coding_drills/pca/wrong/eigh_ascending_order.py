# Mistake: eigenvectors of the covariance from np.linalg.eigh, taking the first k. eigh sorts
# the eigenvalues in ascending order: these are the k directions of *least* variance.
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    evals, evecs = np.linalg.eigh(centred.T @ centred / (n - 1))
    components = evecs[:, :k].T.copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, evals[:k]
