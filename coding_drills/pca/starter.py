import numpy as np


def pca(X, k):
    """The first k principal components of X and their explained variance.

    X: (N, D). Centre the columns, take the thin SVD of the centred data.
    Returns (components (k, D), one unit vector per row, largest variance first, each flipped
    so that its largest-|value| entry is positive; explained_variance (k,) = S**2 / (N - 1)).
    """
    raise NotImplementedError
