# Mistake: pairs counted across word boundaries
# Joining the words into one sequence pairs a word's last byte with the next word's first,
# pairs that never occur in the text: BPE merges within words (pre-tokens) only.
# Hint: 1
import numpy as np


def bpe_train(word_counts, num_merges):
    ids = list("".join(w * c for w, c in word_counts.items()).encode("utf-8"))
    merges = []
    for k in range(num_merges):
        stats = {}
        for pair in zip(ids, ids[1:]):
            stats[pair] = stats.get(pair, 0) + 1
        if not stats:
            break
        best = min(stats, key=lambda p: (-stats[p], p))
        i, out = 0, []
        while i < len(ids):
            if i + 1 < len(ids) and (ids[i], ids[i + 1]) == best:
                out.append(256 + k)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
        merges.append(best)
    return np.array(merges, dtype=np.int64).reshape(-1, 2)
