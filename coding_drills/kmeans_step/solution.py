import numpy as np


def kmeans_step(X, centroids):
    """Squared distances by broadcasting, argmin, then per-cluster sums with np.add.at."""
    k = centroids.shape[0]
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)  # (N, K)
    assign = np.argmin(dist2, axis=1).astype(np.int64)  # first minimum on ties
    sums = np.zeros_like(centroids)
    np.add.at(sums, assign, X)  # unbuffered: repeated indices all count
    counts = np.bincount(assign, minlength=k)
    new = centroids.copy()
    full = counts > 0
    new[full] = sums[full] / counts[full, None]
    return assign, new
