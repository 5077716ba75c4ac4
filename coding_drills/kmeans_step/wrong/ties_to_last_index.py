# Mistake: ties go to the highest index instead of the lowest
# The assignment loop compares with ≤, so a later centroid at the same distance wins. Ties go
# to the lowest index (the first minimum).
# Hint: 1
import numpy as np


def kmeans_step(X, centroids):
    k = centroids.shape[0]
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    assign = np.zeros(X.shape[0], dtype=np.int64)
    best = dist2[:, 0].copy()
    for j in range(1, k):
        closer = dist2[:, j] <= best
        assign[closer] = j
        best[closer] = dist2[closer, j]
    sums = np.zeros_like(centroids)
    np.add.at(sums, assign, X)
    counts = np.bincount(assign, minlength=k)
    new = centroids.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return assign, new
