import numpy as np

from flashdeck.drills.case import Case


def _cdf(logits, temperature):
    z = logits / temperature
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.cumsum(p / p.sum(axis=-1, keepdims=True), axis=-1)


def _safe_u(rng, logits, temperature):
    """Uniform draws at least 1e-9 away from every cdf value: rounding cannot decide them."""
    cdf = _cdf(logits, temperature).reshape(-1, logits.shape[-1])
    u = rng.random(cdf.shape[0])
    for row in range(cdf.shape[0]):
        while np.min(np.abs(cdf[row] - u[row])) < 1e-9:
            u[row] = rng.random()
    return u if logits.ndim > 1 else float(u[0])


def _random(name, seed, shape, temperature, scale=2.0, note=""):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=shape) * scale
    return Case(name, {"logits": logits, "temperature": temperature,
                       "u": _safe_u(rng, logits, temperature)}, seed=seed, note=note)


def cases(fresh_seed):
    out = [
        Case("greedy_tie", {"logits": np.array([1.0, 3.0, 3.0, 0.0]), "temperature": 0.0,
                            "u": 0.9},
             note="temperature 0 is argmax; on a tie the first maximum (index 1); u is unused"),
        Case("u_on_a_boundary", {"logits": np.zeros(4), "temperature": 1.0, "u": 0.5},
             note="uniform over 4: cdf = [.25, .5, .75, 1]; u = 0.5 is not > cdf[1], so token 2"),
        Case("u_zero_skips_masked", {"logits": np.array([-np.inf, -np.inf, 1.0, 2.0, -np.inf]),
                                     "temperature": 1.0, "u": 0.0},
             note="u = 0 must not pick a -inf (probability 0) token: the first cdf > 0 is index 2"),
        Case("masked_tail", {"logits": np.array([0.5, 1.5, -np.inf, -np.inf]),
                             "temperature": 0.7, "u": 0.999},
             note="u near 1 lands on the last token with nonzero probability, index 1"),
        Case("vocab_of_one", {"logits": np.array([[2.0], [-1.0]]), "temperature": 1.3,
                              "u": np.array([0.3, 0.95])}, note="V=1: always token 0"),
        Case("greedy_batch", {"logits": np.array([[0.1, -2.0, 0.1], [4.0, 5.0, 5.0],
                                                  [-1.0, -3.0, -0.5]]),
                              "temperature": 0.0, "u": np.array([0.1, 0.2, 0.3])},
             note="greedy on a batch, with ties"),
    ]
    for seed in (1, 2, fresh_seed):
        out.append(_random(f"batch_4x50_T0.7_seed{seed}", seed, (4, 50), 0.7))
    out.extend([
        _random("single_row_T1", 3, (17,), 1.0, note="1-D logits and a float u"),
        _random("tiny_temperature", 4, (3, 40), 1e-3, scale=3.0,
                note="T = 1e-3: logits / T reach ~1e4, exp overflows without the max shift"),
        _random("high_temperature", 5, (3, 30), 100.0,
                note="T = 100: nearly uniform, u picks a token near u * V"),
        _random(f"vocab_32000_seed{fresh_seed}", fresh_seed, (4, 32000), 0.8, scale=3.0,
                note="a LLaMA-sized vocabulary, batch 4, T = 0.8"),
    ])
    return out
