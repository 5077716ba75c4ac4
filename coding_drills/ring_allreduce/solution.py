import numpy as np


def ring_allreduce(chunks):
    """Message-level simulation: each step, every rank sends one segment to its right."""
    n = len(chunks)
    shape = chunks[0].shape
    # buf[r][j]: rank r's copy of segment j (copies: the inputs stay untouched)
    buf = [[seg.copy() for seg in np.array_split(c.reshape(-1), n)] for c in chunks]
    sent = np.zeros(n, dtype=np.int64)

    for s in range(n - 1):  # reduce-scatter
        msgs = [(r, (r - s) % n, buf[r][(r - s) % n].copy()) for r in range(n)]
        for r, j, data in msgs:  # all sends of a step happen at once
            buf[(r + 1) % n][j] = buf[(r + 1) % n][j] + data
            sent[r] += data.nbytes
    # now rank r holds the fully reduced segment (r + 1) % n

    for s in range(n - 1):  # all-gather
        msgs = [(r, (r + 1 - s) % n, buf[r][(r + 1 - s) % n].copy()) for r in range(n)]
        for r, j, data in msgs:
            buf[(r + 1) % n][j] = data
            sent[r] += data.nbytes

    results = [np.concatenate(b).reshape(shape) for b in buf]
    return results, sent
