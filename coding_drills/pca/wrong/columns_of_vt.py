# Mistake: principal directions taken as the columns of Vt
# The directions are the rows of Vt; column i holds the i-th coordinate of every direction.
# When Vt is square (N ≥ D) the shape comes out right and the numbers do not.
# Hint: 2
# Arbitrary on: two_points, wide_data
import numpy as np


def pca(X, k):
    n = X.shape[0]
    centred = X - X.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:, :k].T.copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, s[:k] ** 2 / (n - 1)
