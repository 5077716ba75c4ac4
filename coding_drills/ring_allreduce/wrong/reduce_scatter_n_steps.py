# Mistake: N reduce-scatter steps instead of N - 1: the extra step sends every rank's
# complete segment one hop further (added onto a stale copy that the all-gather overwrites
# later), so each rank sends 1/N of the data too much; with N = 1 the lone rank even adds
# its data to itself.
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
