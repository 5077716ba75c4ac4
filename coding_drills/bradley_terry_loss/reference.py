import torch.nn.functional as F


def reference(r_chosen, r_rejected):
    return -F.logsigmoid(r_chosen - r_rejected).mean()
