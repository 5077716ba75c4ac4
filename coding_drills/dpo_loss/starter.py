import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    """Mean DPO loss, -log sigmoid(beta * (chosen log-ratio - rejected log-ratio)).

    All four inputs: (B,) float64 sequence log-probabilities. Returns a scalar.
    Must stay finite for margins of ±1000.
    """
    raise NotImplementedError
