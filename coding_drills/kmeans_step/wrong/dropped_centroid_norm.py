# Mistake: ‖c‖² dropped from the expanded distance
# In ‖x‖² − 2x·c + ‖c‖² only ‖x‖² is constant across centroids; the argmin of −2x·c alone picks
# the largest dot product, not the nearest centroid.
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
