# Mistake: Unicode code points instead of UTF-8 bytes
# 'é' becomes one token 233 instead of the two bytes 195, 169, and a code point above 255
# would even collide with the merged ids 256, 257, ...
# Hint: 1
import numpy as np


def bpe_train(word_counts, num_merges):
    words = [([ord(ch) for ch in w], c) for w, c in word_counts.items()]
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
