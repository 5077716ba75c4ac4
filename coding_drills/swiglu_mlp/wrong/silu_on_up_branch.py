# Mistake: SiLU on the up projection, gate left linear
# The branches are swapped: SiLU belongs on the gate projection, and the up projection stays
# linear before the element-wise product.
# Hint: 2
import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    up = x @ w_up.T
    return ((up / (1.0 + np.exp(-up))) * (x @ w_gate.T)) @ w_down.T
