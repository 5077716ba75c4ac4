import torch


def reference(target_probs, draft_probs, draft_tokens, u):
    """Vectorised: all K ratios at once, the first rejection via a cumulative product."""
    k = draft_probs.shape[0]
    rows = torch.arange(k)
    p = target_probs[rows, draft_tokens]
    q = draft_probs[rows, draft_tokens]
    accept = u < torch.clamp(p / q, max=1.0)
    n = int(torch.cumprod(accept.to(torch.int64), dim=0).sum())  # leading run of accepts
    if n == k:
        nxt = target_probs[k]
    else:
        residual = torch.clamp(target_probs[n] - draft_probs[n], min=0.0)
        nxt = residual / residual.sum()
    return torch.tensor(n, dtype=torch.int64), nxt
