import torch.nn.functional as F


def reference(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
              beta=0.1):
    z = beta * ((policy_chosen_logps - ref_chosen_logps)
                - (policy_rejected_logps - ref_rejected_logps))
    return -F.logsigmoid(z).mean()
