"""Written apart from the solution, after Sennrich et al. (2016)'s reference code: each word is
a string of space-separated token ids, pairs are recounted from scratch with a Counter, and a
merge is one regular-expression substitution (non-overlapping, left to right)."""

import re
from collections import Counter

import torch


def _pairs(vocab):
    counts = Counter()
    for word, freq in vocab.items():
        symbols = word.split()
        for i in range(len(symbols) - 1):
            counts[int(symbols[i]), int(symbols[i + 1])] += freq
    return counts


def reference(word_counts, num_merges):
    vocab = Counter()
    for word, freq in word_counts.items():
        vocab[" ".join(str(b) for b in word.encode("utf-8"))] += freq
    merges = []
    while len(merges) < num_merges:
        counts = _pairs(vocab)
        if not counts:
            break
        top = max(counts.values())
        a, b = sorted(p for p, n in counts.items() if n == top)[0]
        new = str(256 + len(merges))
        pattern = re.compile(rf"(?<!\S){a} {b}(?!\S)")
        vocab = Counter({pattern.sub(new, w): f for w, f in vocab.items()})
        merges.append((a, b))
    return torch.tensor(merges, dtype=torch.int64).reshape(-1, 2)
