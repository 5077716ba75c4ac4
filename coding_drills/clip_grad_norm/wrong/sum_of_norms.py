# Mistake: total norm as the sum of per-tensor norms
# Σ‖gᵢ‖ (an L1 of L2s) exceeds the global norm √(Σ‖gᵢ‖²) of all gradients concatenated, so the
# reported norm is too big and the gradients are clipped too hard.
# Hint: 1
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = sum(np.sqrt(np.sum(g * g)) for g in grads)
    coef = min(1.0, max_norm / (total_norm + 1e-6))
    return [g * coef for g in grads], total_norm
