# Mistake: −log(sigmoid(z)) computed literally
# For z = −1000, exp(1000) overflows, sigmoid(z) is 0 in float64 and −log 0 = inf. The same
# value, log(1 + e^{−z}), can be computed without overflow.
# Hint: 3
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    z = beta * ((policy_chosen_logps - ref_chosen_logps)
                - (policy_rejected_logps - ref_rejected_logps))
    return np.mean(-np.log(1.0 / (1.0 + np.exp(-z))))
