import numpy as np


def beam_search(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    """Beam search over a bigram model: trans_logp[a, b] = log P(next = b | previous = a).

    trans_logp: (V, V) float64; start: the token before the first generated one (not output);
    generate at most max_len tokens; a hypothesis ends when it emits eos (kept, counted).
    Each step: extend every alive beam by every token, keep the beam_width best candidates
    by summed log-prob (ties: lexicographically smaller sequence); those ending in eos (or
    reaching max_len) are finished and leave the beam. Return the finished hypothesis with
    the best score = summed log-prob / len ** length_penalty (ties: the lexicographically
    smaller one, a prefix before its extensions) as (tokens int array (L,), score float).
    """
    raise NotImplementedError
