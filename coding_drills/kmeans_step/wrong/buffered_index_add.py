# Mistake: buffered fancy-index += keeps one point per cluster
# sums[assign] += X is buffered: for a repeated index only the last point lands in the sum, so
# every cluster with several points gets the wrong mean. It needs an unbuffered scatter-add.
# Hint: 2
import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    assign = np.argmin(dist2, axis=1).astype(np.int64)
    sums = np.zeros_like(centroids)
    sums[assign] += X
    counts = np.bincount(assign, minlength=k)
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return assign, new
