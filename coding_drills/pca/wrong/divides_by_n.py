# Mistake: explained variance divided by N, not N − 1
# S²/N is the biased (population) variance; the drill wants the eigenvalues of the sample
# covariance, S²/(N − 1).
# Hint: 2
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k].copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, s[:k] ** 2 / n
