# Mistake: all-gather adds the received segment instead of overwriting
# After the reduce-scatter the sender's segment is already the full sum; adding it onto the
# receiver's stale partial copy counts partial sums again. The all-gather must overwrite.
# Hint: 3
import numpy as np


def ring_allreduce(chunks):
    n = len(chunks)
    buf = [[seg.copy() for seg in np.array_split(c.reshape(-1), n)] for c in chunks]
    sent = np.zeros(n, dtype=np.int64)
    for phase in range(2):
        for s in range(n - 1):
            msgs = [(r, (r - s + phase) % n, buf[r][(r - s + phase) % n].copy())
                    for r in range(n)]
            for r, j, data in msgs:
                buf[(r + 1) % n][j] = buf[(r + 1) % n][j] + data
                sent[r] += data.nbytes
    return [np.concatenate(b).reshape(chunks[0].shape) for b in buf], sent
