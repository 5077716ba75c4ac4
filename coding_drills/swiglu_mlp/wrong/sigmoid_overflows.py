# Mistake: sigmoid as exp(z) / (1 + exp(z)), which overflows
# For a gate above ~709 exp overflows to inf and inf / inf is NaN; a form that never
# exponentiates a large positive number gives the same value safely.
# Hint: 3
import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    gate = x @ w_gate.T
    e = np.exp(gate)
    return (gate * e / (1.0 + e) * (x @ w_up.T)) @ w_down.T
