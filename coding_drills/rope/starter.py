import numpy as np


def rope(x, positions, base=10000.0):
    """Rotary position embedding, half-split (rotate_half) layout.

    x: (..., S, D) float64, D even; positions: (S,) int64 absolute positions.
    Pairs feature i with feature i + D/2 and rotates it by positions * base**(-2i/D).
    Returns x's shape.
    """
    raise NotImplementedError
