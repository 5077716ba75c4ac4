# Mistake: N reduce-scatter steps instead of N − 1
# The extra step sends each finished segment one hop on, onto a stale copy that the all-gather
# overwrites: one segment too many per rank, and with N = 1 the lone rank adds to itself.
# Hint: 2
import numpy as np


def ring_allreduce(chunks):
    n = len(chunks)
    buf = [[seg.copy() for seg in np.array_split(c.reshape(-1), n)] for c in chunks]
    sent = np.zeros(n, dtype=np.int64)
    for s in range(n):
        msgs = [(r, (r - s) % n, buf[r][(r - s) % n].copy()) for r in range(n)]
        for r, j, data in msgs:
            buf[(r + 1) % n][j] = buf[(r + 1) % n][j] + data
            sent[r] += data.nbytes
    for s in range(n - 1):
        msgs = [(r, (r + 1 - s) % n, buf[r][(r + 1 - s) % n].copy()) for r in range(n)]
        for r, j, data in msgs:
            buf[(r + 1) % n][j] = data
            sent[r] += data.nbytes
    return [np.concatenate(b).reshape(chunks[0].shape) for b in buf], sent
