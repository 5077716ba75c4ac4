import numpy as np


def transformer_block(x, params, n_heads):
    """One pre-LN GPT-2 block: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)).

    x: (B, T, D) float64. params: a list of 12 arrays in this order (nn.Linear layout
    (out, in), applied as h @ w.T + b):
      ln1_w (D,), ln1_b (D,), attn_w (3D, D) [q; k; v rows], attn_b (3D,),
      proj_w (D, D), proj_b (D,), ln2_w (D,), ln2_b (D,),
      fc_w (F, D), fc_b (F,), fc_proj_w (D, F), fc_proj_b (D,).
    LayerNorm eps 1e-5; causal multi-head attention with n_heads heads of D / n_heads;
    the MLP is fc -> GELU (tanh approximation, as GPT-2) -> fc_proj. Returns (B, T, D).
    """
    raise NotImplementedError
