# Mistake: occurrences merged right to left
# Scanning from the right, merging (a, a) in 'aaa' gives [a, aa] instead of the pinned
# left-to-right [aa, a], and the later pair counts differ.
# Hint: 4
import numpy as np


def bpe_train(word_counts, num_merges):
    words = [(list(w.encode("utf-8")), c) for w, c in word_counts.items()]
    merges = []
    for k in range(num_merges):
        stats = {}
        for ids, c in words:
            for pair in zip(ids, ids[1:]):
                stats[pair] = stats.get(pair, 0) + c
        if not stats:
            break
        best = min(stats, key=lambda p: (-stats[p], p))
        for ids, _ in words:
            i, out = len(ids) - 1, []
            while i >= 0:
                if i >= 1 and (ids[i - 1], ids[i]) == best:
                    out.append(256 + k)
                    i -= 2
                else:
                    out.append(ids[i])
                    i -= 1
            ids[:] = out[::-1]
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)
