# Mistake: reference model's log-probs left out
# DPO's implicit reward is β·log(π/π_ref): the log-ratios against the reference anchor the
# policy to it (the KL term). Without them it is a different loss.
# Hint: 1
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    z = beta * (policy_chosen_logps - policy_rejected_logps)
    return np.mean(np.logaddexp(0.0, -z))
