import numpy as np

from flashdeck.drills.case import Case

NAMES = ("policy_chosen_logps", "policy_rejected_logps", "ref_chosen_logps", "ref_rejected_logps")


def _logps(rng, b, spread=20.0):
    return {n: -np.abs(rng.normal(size=b)) * spread - 50.0 for n in NAMES}


def cases(fresh_seed):
    out = [Case("one_pair", {"policy_chosen_logps": np.array([-12.0]),
                             "policy_rejected_logps": np.array([-15.0]),
                             "ref_chosen_logps": np.array([-13.0]),
                             "ref_rejected_logps": np.array([-14.0]), "beta": 0.1},
                note="B=1: z = 0.1 * ((-12+13) - (-15+14)) = 0.2")]
    for seed in (0, 1, fresh_seed):
        rng = np.random.default_rng(seed)
        out.append(Case(f"batch_seed{seed}", {**_logps(rng, 8), "beta": 0.1}, seed=seed))
    big = {"policy_chosen_logps": np.array([-10.0, -20010.0, -5000.0, -30.0]),
           "policy_rejected_logps": np.array([-10010.0, -10.0, -5000.0, -25.0]),
           "ref_chosen_logps": np.array([-10.0, -10.0, -15000.0, -30.0]),
           "ref_rejected_logps": np.array([-10.0, -10.0, -5000.0, -25.0])}
    out.append(Case("margins_pm1000", {**big, "beta": 0.1},
                    note="z = +1000, -2000, +1000, 0: -log sigmoid must stay finite"))
    rng = np.random.default_rng(2)
    out.append(Case("beta_0_5", {**_logps(rng, 6, spread=3.0), "beta": 0.5}, seed=2))
    rng = np.random.default_rng(fresh_seed)
    out.append(Case(f"batch64_seed{fresh_seed}", {**_logps(rng, 64, spread=100.0), "beta": 0.1},
                    seed=fresh_seed))
    return out
