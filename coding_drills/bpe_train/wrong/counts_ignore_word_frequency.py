# Mistake: pair counts ignore the word frequencies
# Each distinct word adds 1 per pair occurrence instead of its count: the input is a frequency
# table, and a word seen 10 times must weigh 10 times as much.
# Hint: 2
import numpy as np


def bpe_train(word_counts, num_merges):
    words = [list(w.encode("utf-8")) for w in word_counts]
    merges = []
    for k in range(num_merges):
        stats = {}
        for ids in words:
            for pair in zip(ids, ids[1:]):
                stats[pair] = stats.get(pair, 0) + 1
        if not stats:
            break
        best = min(stats, key=lambda p: (-stats[p], p))
        for ids in words:
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
