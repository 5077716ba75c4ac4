import numpy as np

from flashdeck.drills.case import Case


def _case(name, lead, d_model, d_ff, seed, note="", gate_scale=1.0):
    rng = np.random.default_rng(seed)
    return Case(name, {
        "x": rng.normal(size=lead + (d_model,)),
        "w_gate": rng.normal(size=(d_ff, d_model)) * gate_scale / np.sqrt(d_model),
        "w_up": rng.normal(size=(d_ff, d_model)) / np.sqrt(d_model),
        "w_down": rng.normal(size=(d_model, d_ff)) / np.sqrt(d_ff),
    }, seed=seed, note=note)


def cases(fresh_seed):
    out = [_case("single_token", (1, 1), 8, 12, 0, note="B=1, S=1")]
    for seed in (1, 2, fresh_seed):
        out.append(_case(f"odd_3x5_d7_ff11_seed{seed}", (3, 5), 7, 11, seed,
                         note="d_model 7, d_ff 11: w is (out, in), applied as x @ w.T; "
                              "SiLU on the gate branch only"))
    out.append(_case("two_dims", (6,), 10, 16, 3, note="2-D input (tokens, d_model)"))
    out.append(_case("d_ff_1", (4,), 5, 1, 4, note="d_ff = 1: a single gated unit"))
    out.append(_case("large_gates", (3,), 6, 9, 5, gate_scale=800.0,
                     note="gate pre-activations in the hundreds, up to ±1400: sigmoid must not overflow "
                          "(exp(z)/(1+exp(z)) is inf/inf = NaN)"))
    out.append(_case(f"llama_shaped_seed{fresh_seed}", (2, 32), 128, 344, fresh_seed,
                     note="realistic (batch, seq, d_model) with d_ff = 344 ≈ 8/3 · 128"))
    return out
