# Mistake: sigmoid gate (the original GLU) instead of SiLU
# σ(gate) · up is the original GLU; SwiGLU gates with SiLU(z) = z · σ(z), so the gate value
# itself multiplies its sigmoid.
# Hint: 2
import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    gate = x @ w_gate.T
    return (np.exp(-np.logaddexp(0.0, -gate)) * (x @ w_up.T)) @ w_down.T
