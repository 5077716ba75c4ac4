# Mistake: bytes_sent from the closed form 2(N−1)/N · D for every rank
# That assumes equal segments. When N does not divide the size, rank r skips segments
# (r + 1) % N and (r + 2) % N, so its bytes are the sizes of the segments it actually sends.
import numpy as np


def ring_allreduce(chunks):
    n = len(chunks)
    total = np.sum(chunks, axis=0)
    per_rank = round(2 * (n - 1) / n * chunks[0].nbytes)
    return [total.copy() for _ in range(n)], np.full(n, per_rank, dtype=np.int64)
