# Mistake: ties broken towards the larger token sequence
# Sorting (score, tokens) in reverse, and the final max, send equal scores to the
# lexicographically *larger* sequence; the pinned rule is higher score, then the smaller one.
# Hint: 2
import numpy as np


def beam_search(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    v = trans_logp.shape[0]
    alive, finished = [((), 0.0)], []
    for step in range(1, max_len + 1):
        cands = [(seq + (b,), s + trans_logp[seq[-1] if seq else start][b])
                 for seq, s in alive for b in range(v)]
        cands.sort(key=lambda c: (c[1], c[0]), reverse=True)
        alive = []
        for seq, s in cands[:beam_width]:
            (finished if seq[-1] == eos or step == max_len else alive).append((seq, s))
        if not alive:
            break
    scored = [(s / len(seq) ** length_penalty, seq) for seq, s in finished]
    score, seq = max(scored)
    return np.array(seq, dtype=np.int64), score
