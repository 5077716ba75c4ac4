import torch


def _lex_sort(seqs):
    """Row order that sorts equal-length token rows lexicographically (stable radix sort)."""
    order = torch.arange(seqs.shape[0])
    for col in range(seqs.shape[1] - 1, -1, -1):
        order = order[torch.sort(seqs[order, col], stable=True).indices]
    return order


def reference(trans_logp, start, beam_width, max_len, eos, length_penalty=1.0):
    v = trans_logp.shape[0]
    seqs = torch.zeros(1, 0, dtype=torch.int64)  # alive beams, one row each
    scores = torch.zeros(1, dtype=trans_logp.dtype)
    last = torch.tensor([start])
    finished = []  # (tokens, summed log-prob)
    for step in range(1, max_len + 1):
        order = _lex_sort(seqs)  # candidates (beam, token) then come in lexicographic order
        seqs, scores, last = seqs[order], scores[order], last[order]
        cand = (scores[:, None] + trans_logp[last]).reshape(-1)
        top = torch.sort(cand, descending=True, stable=True).indices[:beam_width]
        beam, tok = top // v, top % v
        seqs = torch.cat([seqs[beam], tok[:, None]], dim=1)
        scores, last = cand[top], tok
        done = (tok == eos) | (step == max_len)
        finished += [(seqs[i].tolist(), scores[i]) for i in torch.nonzero(done).flatten()]
        keep = ~done
        seqs, scores, last = seqs[keep], scores[keep], last[keep]
        if seqs.shape[0] == 0:
            break
    norm = [(s / (len(t) ** length_penalty), t) for t, s in finished]
    best = min(norm, key=lambda p: (-float(p[0]), p[1]))
    return torch.tensor(best[1], dtype=torch.int64), best[0]
