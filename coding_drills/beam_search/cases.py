import numpy as np

from flashdeck.drills.case import Case


def _logp(rng, v, temp=1.0, eos=None, eos_shift=0.0):
    z = rng.normal(size=(v, v)) / temp
    if eos is not None:
        z[:, eos] += eos_shift
    return z - np.log(np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)) \
        - z.max(axis=1, keepdims=True)


def _case(name, v, width, max_len, seed, lp=1.0, temp=1.0, eos_shift=0.0, note=""):
    rng = np.random.default_rng(seed)
    eos = int(rng.integers(v))
    start = int((eos + 1 + rng.integers(v - 1)) % v)  # start != eos
    return Case(name, {"trans_logp": _logp(rng, v, temp, eos, eos_shift), "start": start,
                       "beam_width": width, "max_len": max_len, "eos": eos,
                       "length_penalty": lp}, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("greedy_width1", 6, 1, 6, 0, note="beam_width = 1 is greedy decoding")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"width3_seed{seed}", 7, 3, 6, seed,
                         note="V=7, beam 3, up to 6 tokens"))
    out.extend([
        _case("no_length_penalty", 6, 4, 7, 3, lp=0.0, eos_shift=1.0,
              note="length_penalty = 0: raw summed log-probs, short hypotheses favoured"),
        _case("strong_length_penalty", 6, 4, 7, 4, lp=2.0, eos_shift=1.0,
              note="length_penalty = 2: long hypotheses favoured"),
        _case("max_len_1", 5, 3, 1, 5, note="max_len = 1: one step, every candidate ends"),
        _case("width_covers_everything", 3, 27, 3, 6,
              note="beam 27 ≥ 3³: nothing is pruned, the exact best sequence"),
        _case("eos_likely", 8, 3, 8, 7, eos_shift=2.5,
              note="eos is likely: beams finish early and the beam shrinks"),
    ])
    logp = np.log(np.full((4, 4), 0.25))
    logp[1] = np.log([0.1, 0.2, 0.35, 0.35])
    out.append(Case("exact_ties",
                    {"trans_logp": logp, "start": 0, "beam_width": 2, "max_len": 3, "eos": 3,
                     "length_penalty": 1.0},
                    note="uniform rows: equal candidates go to the lexicographically smaller "
                         "sequence"))
    out.append(_case(f"realistic_seed{fresh_seed}", 200, 5, 12, fresh_seed, temp=0.5,
                     eos_shift=2.0, note="V=200, beam 5, up to 12 tokens"))
    return out
