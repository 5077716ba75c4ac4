# Mistake: each beam extended greedily on its own
# After the first step each beam keeps only its own best next token (separate greedy searches);
# beam search ranks all beams × all V tokens together and keeps the beam_width best.
# Hint: 2
import numpy as np


def beam_search(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    v = trans_logp.shape[0]
    first = sorted(((b,), trans_logp[start][b]) for b in range(v))
    first.sort(key=lambda c: (-c[1], c[0]))
    alive, finished = [], []
    for seq, s in first[:beam_width]:
        (finished if seq[-1] == eos or max_len == 1 else alive).append((seq, s))
    for step in range(2, max_len + 1):
        nxt = []
        for seq, s in alive:
            row = trans_logp[seq[-1]]
            b = int(np.argmax(row))
            nxt.append((seq + (b,), s + row[b]))
        alive = []
        for seq, s in nxt:
            (finished if seq[-1] == eos or step == max_len else alive).append((seq, s))
    scored = [(s / len(seq) ** length_penalty, seq) for seq, s in finished]
    score, seq = min(scored, key=lambda c: (-c[0], c[1]))
    return np.array(seq, dtype=np.int64), score
