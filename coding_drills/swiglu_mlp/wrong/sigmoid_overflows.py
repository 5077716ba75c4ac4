# Mistake: sigmoid as exp(z) / (1 + exp(z)): for a gate above ~709, exp overflows and
# inf / inf is NaN.
import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    gate = x @ w_gate.T
    e = np.exp(gate)
    return (gate * e / (1.0 + e) * (x @ w_up.T)) @ w_down.T
