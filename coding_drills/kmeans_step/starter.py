import numpy as np


def kmeans_step(X, centroids):
    """One Lloyd step: assign every point to its nearest centroid, then move each centroid
    to the mean of its points.

    X: (N, D); centroids: (K, D). Ties go to the lowest centroid index; a centroid with no
    points keeps its position. Returns (assign int64 (N,), new centroids (K, D)).
    """
    raise NotImplementedError
