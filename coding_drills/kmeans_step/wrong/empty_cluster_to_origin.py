# Mistake: sums / max(count, 1) for every cluster: no NaN, but an empty cluster's centroid
# silently jumps to the origin instead of staying where it was.
import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    assign = np.argmin(dist2, axis=1).astype(np.int64)
    sums = np.zeros_like(centroids)
    np.add.at(sums, assign, X)
    counts = np.bincount(assign, minlength=k)
    return assign, sums / np.maximum(counts, 1)[:, None]
