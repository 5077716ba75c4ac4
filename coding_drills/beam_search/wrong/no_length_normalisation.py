# Mistake: final choice ignores the length penalty
# Finished hypotheses ranked by raw summed log-prob: every token adds a negative log-prob, so
# short ones are favoured. Each must be divided by len(tokens)^length_penalty first.
# Hint: 4
import numpy as np


def beam_search(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    v = trans_logp.shape[0]
    alive, finished = [((), 0.0)], []
    for step in range(1, max_len + 1):
        cands = [(seq + (b,), s + trans_logp[seq[-1] if seq else start][b])
                 for seq, s in alive for b in range(v)]
        cands.sort(key=lambda c: (-c[1], c[0]))
        alive = []
        for seq, s in cands[:beam_width]:
            (finished if seq[-1] == eos or step == max_len else alive).append((seq, s))
        if not alive:
            break
    s, seq = min(((s, seq) for seq, s in finished), key=lambda c: (-c[0], c[1]))
    return np.array(seq, dtype=np.int64), s
