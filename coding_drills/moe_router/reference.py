import torch


def reference(x, w_gate, k):
    n_experts = w_gate.shape[0]
    probs = torch.softmax(x @ w_gate.T, dim=-1)  # (N, E)
    # a stable descending sort: equal probabilities keep index order (the lower index first)
    sorted_p, order = torch.sort(probs, dim=-1, descending=True, stable=True)
    top_p, experts = sorted_p[:, :k], order[:, :k]
    weights = top_p / top_p.sum(dim=-1, keepdim=True)
    f = torch.bincount(experts[:, 0], minlength=n_experts).to(probs.dtype) / x.shape[0]
    p_mean = probs.mean(dim=0)
    return weights, experts, n_experts * torch.sum(f * p_mean)
