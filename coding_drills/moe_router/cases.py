import numpy as np

from flashdeck.drills.case import Case


def _case(name, n, d, e, k, seed, scale=1.0, note=""):
    rng = np.random.default_rng(seed)
    return Case(name, {"x": rng.normal(size=(n, d)),
                       "w_gate": rng.normal(size=(e, d)) * scale / np.sqrt(d), "k": k},
                seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token_top1", 1, 4, 4, 1, 0,
                 note="N=1, k=1: the weight is 1; f is one-hot, so aux = E * P_top1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"top2_seed{seed}", 12, 8, 6, 2, seed,
                         note="top-2 of 6 experts (Mixtral-style), renormalised weights"))
    out.append(_case("k_equals_e", 5, 6, 4, 4, 3,
                     note="k = E: every expert, sorted; the weights are the full softmax"))
    # exact ties: dyadic inputs make equal logits bit-for-bit equal in any summation order
    x = np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [0.0, 0.0, 0.0], [2.0, 1.0, -1.0]])
    w = np.array([[1.0, 0.5, 0.0], [0.0, 0.0, 1.0], [1.0, 0.5, 0.0], [0.5, 0.0, 0.25],
                  [0.0, 0.0, 1.0]])
    out.append(Case("tied_experts", {"x": x, "w_gate": w, "k": 3},
                    note="experts 0 and 2 (and 1 and 4) have equal logits: ties go to the "
                         "lower index; the all-zero token ties all five"))
    out.append(_case("collapsed_router", 16, 8, 8, 2, 4, scale=0.0,
                     note="w_gate = 0: uniform probabilities, every token ties; all top-1 is "
                          "expert 0, aux = E * 1 * 1/E = 1"))
    out.append(_case("peaked_logits", 10, 8, 5, 2, 5, scale=200.0,
                     note="logits in the hundreds: a stable softmax"))
    out.append(_case(f"realistic_seed{fresh_seed}", 256, 64, 8, 2, fresh_seed,
                     note="256 tokens, d=64, 8 experts, top-2"))
    return out
