import torch


def reference(x, w_q, w_k, w_v, w_o, n_heads, causal=False):
    d_model = x.shape[-1]
    mha = torch.nn.MultiheadAttention(d_model, n_heads, bias=False, batch_first=True)
    mha = mha.double()
    with torch.no_grad():
        # nn.Linear layout is (out, in): transpose our (in, out) weights
        mha.in_proj_weight.copy_(torch.cat([w_q.T, w_k.T, w_v.T], dim=0))
        mha.out_proj.weight.copy_(w_o.T)
        s = x.shape[1]
        mask = torch.ones(s, s, dtype=torch.bool).triu(1) if causal else None  # True = blocked
        out, _ = mha(x, x, x, attn_mask=mask, need_weights=False)
    return out
