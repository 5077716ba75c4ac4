import numpy as np


def beam_search(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    """Beams as (tokens tuple, summed log-prob); Python tuple order gives lexicographic ties."""
    v = trans_logp.shape[0]
    alive = [((), 0.0)]
    finished = []
    for step in range(1, max_len + 1):
        candidates = []
        for seq, s in alive:
            prev = seq[-1] if seq else start
            row = trans_logp[prev]
            candidates += [(seq + (b,), s + row[b]) for b in range(v)]
        candidates.sort(key=lambda c: (-c[1], c[0]))
        alive = []
        for seq, s in candidates[:beam_width]:
            if seq[-1] == eos or step == max_len:
                finished.append((seq, s))
            else:
                alive.append((seq, s))
        if not alive:
            break
    scored = [(s / len(seq) ** length_penalty, seq) for seq, s in finished]
    score, seq = min(scored, key=lambda c: (-c[0], c[1]))
    return np.array(seq, dtype=np.int64), score
