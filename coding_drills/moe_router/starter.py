import numpy as np


def moe_router(x, w_gate, k):
    """Top-k softmax routing and the Switch-Transformer load-balancing loss.

    x: (N, D) tokens, w_gate: (E, D) router weights (logits = x @ w_gate.T), k: 1 <= k <= E.
    Returns (weights, experts, aux_loss):
      experts (N, k) int: the k most probable experts per token, by descending probability,
        ties to the lower expert index;
      weights (N, k) float64: their softmax probabilities renormalised to sum to 1 per token;
      aux_loss float: E * sum_e f_e * P_e, f_e = fraction of tokens whose top-1 expert is e,
        P_e = mean over tokens of the softmax probability of e.
    """
    raise NotImplementedError
