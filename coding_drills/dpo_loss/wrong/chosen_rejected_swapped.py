# Mistake: margin sign flipped (rejected − chosen)
# z = β·(chosen log-ratio − rejected log-ratio); with the sign flipped, minimising the loss
# would train the policy towards the rejected answers.
# Hint: 2
import numpy as np


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    z = beta * ((policy_rejected_logps - ref_rejected_logps)
                - (policy_chosen_logps - ref_chosen_logps))
    return np.mean(np.logaddexp(0.0, -z))
