# Mistake: SiLU applied to the up projection and the gate left linear (branches swapped).
import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    up = x @ w_up.T
    return ((up / (1.0 + np.exp(-up))) * (x @ w_gate.T)) @ w_down.T
