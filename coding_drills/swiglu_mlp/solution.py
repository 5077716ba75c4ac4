import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    """SiLU-gated up projection, then the down projection; sigmoid via logaddexp."""
    gate = x @ w_gate.T
    silu = gate * np.exp(-np.logaddexp(0.0, -gate))  # gate * sigmoid(gate), no overflow
    return (silu * (x @ w_up.T)) @ w_down.T
