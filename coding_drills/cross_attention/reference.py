import torch


def reference(x, context, w_q, w_k, w_v, w_o, n_heads):
    d_model, d_ctx = x.shape[-1], context.shape[-1]
    mha = torch.nn.MultiheadAttention(d_model, n_heads, bias=False, kdim=d_ctx, vdim=d_ctx,
                                      batch_first=True).double()
    with torch.no_grad():  # our weights are already nn.Linear's (out, in) layout
        if mha.in_proj_weight is not None:  # kdim == vdim == d_model: one packed matrix
            mha.in_proj_weight.copy_(torch.cat([w_q, w_k, w_v], dim=0))
        else:
            mha.q_proj_weight.copy_(w_q)
            mha.k_proj_weight.copy_(w_k)
            mha.v_proj_weight.copy_(w_v)
        mha.out_proj.weight.copy_(w_o)
        out, _ = mha(x, context, context, need_weights=False)
    return out
