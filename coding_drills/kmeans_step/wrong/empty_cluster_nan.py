# Mistake: the mean over an empty cluster: X[assign == k].mean(axis=0) of zero rows is NaN
# (with a RuntimeWarning). An empty cluster must keep its old centroid.
import numpy as np


def kmeans_step(X, centroids):
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    assign = np.argmin(dist2, axis=1).astype(np.int64)
    new = np.stack([X[assign == k].mean(axis=0) for k in range(centroids.shape[0])])
    return assign, new
