import torch
import torch.nn.functional as F


def reference(indices, dy, num_embeddings):
    weight = torch.zeros(num_embeddings, dy.shape[-1], dtype=dy.dtype, requires_grad=True)
    F.embedding(indices, weight).backward(dy)
    return weight.grad
