import numpy as np


def ring_allreduce(chunks):
    """Simulate ring all-reduce over N ranks; rank r sends only to rank (r + 1) % N.

    chunks: list of N arrays of the same shape and dtype, chunks[r] is rank r's data.
    Each rank flattens its array and splits it with np.array_split(flat, N) into N segments.
    Reduce-scatter, steps s = 0 .. N-2: rank r sends segment (r - s) % N to rank r + 1,
    which adds it to its own copy of that segment. All-gather, steps s = 0 .. N-2: rank r
    sends segment (r + 1 - s) % N to rank r + 1, which overwrites its copy.
    Returns (results, bytes_sent): results, a list of N arrays of chunks[0]'s shape (what
    each rank holds at the end: the sum); bytes_sent, an int64 array (N,) of the bytes each
    rank sent. Do not modify the inputs.
    """
    raise NotImplementedError
