import numpy as np

from flashdeck.drills.case import Case


def _random_words(rng, alphabet, n_words, max_len, max_count):
    words = {}
    while len(words) < n_words:
        n = int(rng.integers(1, max_len + 1))
        w = "".join(rng.choice(list(alphabet), size=n))
        words[w] = int(rng.integers(1, max_count + 1))
    return words


def _corpus(rng, n_words):
    """A Zipf-distributed table of syllable words, some with GPT-2's leading space."""
    onsets = ["", "b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "st", "tr", "sh"]
    vowels = ["a", "e", "i", "o", "u", "ea", "ou"]
    codas = ["", "", "n", "r", "s", "t", "ng"]
    words = []
    seen = set()
    while len(words) < n_words:
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                    for _ in range(int(rng.integers(1, 4))))
        if rng.random() < 0.3:
            w = " " + w
        if w not in seen:
            seen.add(w)
            words.append(w)
    return {w: int(2000 / (rank + 1) ** 1.1) + 1 for rank, w in enumerate(words)}


def cases(fresh_seed):
    out = [
        Case("sennrich_example", {"word_counts": {"low": 5, "lower": 2, "newest": 6, "widest": 3},
                                  "num_merges": 10},
             note="the example of Sennrich et al. (2016), without the </w> marker: (e, s) and "
                  "(s, t) tie at 9 -> (e, s); then (es, t) 9; (l, o) and (o, w) tie at 7 -> (l, o)"),
        Case("no_merges", {"word_counts": {"hello": 3, "world": 2}, "num_merges": 0},
             note="num_merges = 0: an empty (0, 2) array"),
        Case("single_characters", {"word_counts": {"a": 4, "b": 2, "c": 1}, "num_merges": 5},
             note="no word has two tokens: no pair exists at all, an empty (0, 2) array"),
        Case("stops_early", {"word_counts": {"ab": 3, "abc": 2, "d": 7}, "num_merges": 20},
             note="after 2 merges every word is one token: stop with 2 rows, not 20"),
        Case("ties_to_the_smallest_pair",
             {"word_counts": {"dc": 2, "ba": 2, "cb": 2, "zy": 1, "yx": 1}, "num_merges": 5},
             note="(d, c), (b, a), (c, b) all occur twice: (b, a) = (98, 97) is the smallest; "
                  "neither the first seen nor the largest"),
        Case("counts_are_weighted", {"word_counts": {"xy": 10, "ab": 1, "abc": 1, "abd": 1},
                                     "num_merges": 3},
             note="(a, b) is in three words but (x, y) occurs 10 times: weight by the count"),
        Case("overlapping_pairs", {"word_counts": {"aaa": 3, "ab": 6, "aaaa": 1},
                                   "num_merges": 4},
             note="every position counts: (a, a) occurs 2·3 + 3 = 9 times, more than (a, b)'s 6 "
                  "(non-overlapping counting gives 5); merged left to right, 'aaa' becomes "
                  "[aa, a], not [a, aa]"),
        Case("no_merge_across_words", {"word_counts": {"ab": 2, "ba": 2, "c": 9},
                                       "num_merges": 4},
             note="words are separate sequences: 'ab' next to 'ba' does not make a pair (b, b)"),
        Case("utf8_bytes", {"word_counts": {"café": 3, "naïve": 2, "über": 2, "cafe": 1},
                            "num_merges": 8},
             note="'é' is two bytes (195, 169), not its code point 233: the base tokens are "
                  "the UTF-8 bytes"),
    ]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"random_seed{seed}",
                        {"word_counts": _random_words(rng, "abcd", 12, 7, 9), "num_merges": 20},
                        seed=seed, note="12 random words over 'abcd', counts 1-9 (many ties)"))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"realistic_seed{fresh_seed}",
                    {"word_counts": _corpus(rng, 120), "num_merges": 80}, seed=fresh_seed,
                    note="120 Zipf-distributed syllable words (some with a leading space, as "
                         "GPT-2 pre-tokenises), 80 merges"))
    return out
