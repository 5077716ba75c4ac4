# Mistake: count ties broken towards the largest pair
# The max over (count, pair) sends ties to the *largest* pair (a, b); the pinned rule is the
# most frequent pair, then the smallest.
# Hint: 3
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
        best = max(stats, key=lambda p: (stats[p], p))
        for ids, _ in words:
            i, out = 0, []
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == best:
                    out.append(256 + k)
                    i += 2
                else:
                    out.append(ids[i])
                    i += 1
            ids[:] = out
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)
