import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    """-log sigmoid(z) computed as logaddexp(0, -z): finite for any z."""
    chosen = policy_chosen_logps - ref_chosen_logps
    rejected = policy_rejected_logps - ref_rejected_logps
    z = beta * (chosen - rejected)
    return np.mean(np.logaddexp(0.0, -z))
