# Mistake: empty cluster's centroid moved to the origin
# Dividing every cluster's sum by max(count, 1) avoids NaN, but an empty cluster gets 0 / 1 = 0:
# it silently jumps to the origin instead of keeping its old position.
# Hint: 3
import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    assign = np.argmin(dist2, axis=1).astype(np.int64)
    sums = np.zeros_like(centroids)
    np.add.at(sums, assign, X)
    counts = np.bincount(assign, minlength=k)
    return assign, sums / np.maximum(counts, 1)[:, None]
