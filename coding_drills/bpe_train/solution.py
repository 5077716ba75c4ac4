import numpy as np


def bpe_train(word_counts, num_merges):
    """minbpe-style: words as lists of ids, pair counts recounted each step."""
    words = [(list(w.encode("utf-8")), c) for w, c in word_counts.items()]
    merges = []
    for k in range(num_merges):
        stats = {}
        for ids, c in words:
            for pair in zip(ids, ids[1:]):  # overlapping pairs count: "aaa" has (a, a) twice
                stats[pair] = stats.get(pair, 0) + c
        if not stats:
            break  # every word is a single token
        best = min(stats, key=lambda p: (-stats[p], p))  # most frequent, then smallest pair
        new_id = 256 + k
        for ids, _ in words:
            i, out = 0, []
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == best:
                    out.append(new_id)
                    i += 2
                else:
                    out.append(ids[i])
                    i += 1
            ids[:] = out
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)
