import torch.nn.functional as F


def reference(x, kernel_size, stride):
    return F.max_pool2d(x, kernel_size, stride)
