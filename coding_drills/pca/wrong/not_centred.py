# Mistake: SVD of the data without centring it
# Without subtracting each feature's mean, the first direction is pulled towards the mean of
# the data, and the variances are second moments about 0, not about the mean.
# Hint: 1
import numpy as np


def pca(X, k):
    n = X.shape[0]
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    components = vt[:k].copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.sign(components[np.arange(k), biggest])[:, None]
    return components, s[:k] ** 2 / (n - 1)
