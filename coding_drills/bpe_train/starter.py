import numpy as np


def bpe_train(word_counts, num_merges):
    """Learn byte-level BPE merges from a word-frequency table.

    word_counts: dict {word (str): count (int > 0)}; num_merges: int >= 0.
    Each word starts as its UTF-8 bytes (token ids 0-255); merges never cross words.
    Each step: count every adjacent pair (a, b) over all words, weighted by the word's
    count (overlapping occurrences too); take the most frequent pair, ties to the smallest
    (a, b); give it the next id (256, 257, ...) and replace it in every word, left to right.
    Stop after num_merges merges, or earlier when no word has two tokens left.
    Returns an int64 array (M, 2): row k is the pair merged into token 256 + k.
    """
    raise NotImplementedError
