import torch
import torch.nn as nn

_MODULES = {}  # per (d_model, n_heads, d_ff): built once, every parameter overwritten per call


def _modules(d, h, f):
    key = (d, h, f)
    if key not in _MODULES:
        kw = {"dtype": torch.float64}
        _MODULES[key] = (nn.LayerNorm(d, eps=1e-5, **kw),
                         nn.MultiheadAttention(d, h, bias=True, batch_first=True, **kw),
                         nn.LayerNorm(d, eps=1e-5, **kw),
                         nn.Linear(d, f, **kw), nn.GELU(approximate="tanh"), nn.Linear(f, d, **kw))
    return _MODULES[key]


def reference(x, params, n_heads):
    (ln1_w, ln1_b, attn_w, attn_b, proj_w, proj_b,
     ln2_w, ln2_b, fc_w, fc_b, fc_proj_w, fc_proj_b) = params
    d, f = x.shape[-1], fc_w.shape[0]
    ln1, attn, ln2, fc, gelu, fc_proj = _modules(d, n_heads, f)
    with torch.no_grad():
        for dst, src in ((ln1.weight, ln1_w), (ln1.bias, ln1_b),
                         (attn.in_proj_weight, attn_w), (attn.in_proj_bias, attn_b),
                         (attn.out_proj.weight, proj_w), (attn.out_proj.bias, proj_b),
                         (ln2.weight, ln2_w), (ln2.bias, ln2_b), (fc.weight, fc_w),
                         (fc.bias, fc_b), (fc_proj.weight, fc_proj_w), (fc_proj.bias, fc_proj_b)):
            dst.copy_(src)
        t = x.shape[1]
        blocked = torch.ones(t, t, dtype=torch.bool).triu(1)  # True = may not attend
        h = ln1(x)
        x = x + attn(h, h, h, attn_mask=blocked, need_weights=False)[0]
        return x + fc_proj(gelu(fc(ln2(x))))
