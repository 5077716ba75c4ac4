# Mistake: -log(sigmoid(z)) computed literally: sigmoid(-1000) is 0 in float64 and -log(0) = inf.
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    z = beta * ((policy_chosen_logps - ref_chosen_logps)
                - (policy_rejected_logps - ref_rejected_logps))
    return np.mean(-np.log(1.0 / (1.0 + np.exp(-z))))
