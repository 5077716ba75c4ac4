# Mistake: the expanded distance |x|^2 - 2 x.c + |c|^2 with |c|^2 dropped as if it were
# constant: argmin of -2 x.c is the largest dot product, not the nearest centroid.
import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    score = -2.0 * X @ centroids.T
    assign = np.argmin(score, axis=1).astype(np.int64)
    sums = np.zeros_like(centroids)
    np.add.at(sums, assign, X)
    counts = np.bincount(assign, minlength=k)
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return assign, new
