import numpy as np


def swiglu_mlp(x, w_gate, w_up, w_down):
    """LLaMA's feed-forward: (silu(x @ w_gate.T) * (x @ w_up.T)) @ w_down.T, no biases.

    x: (..., d_model) float64; w_gate, w_up: (d_ff, d_model); w_down: (d_model, d_ff).
    silu(z) = z * sigmoid(z); keep sigmoid finite for |z| > 709. Returns (..., d_model).
    """
    raise NotImplementedError
