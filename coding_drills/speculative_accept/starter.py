import numpy as np


def speculative_accept(target_probs, draft_probs, draft_tokens, u):
    """The accept/reject step of speculative sampling (Leviathan et al.; Chen et al., 2023).

    target_probs: (K+1, V) — row i is the target model's distribution for position i
        (row K: the position after all K draft tokens);
    draft_probs: (K, V) — row i is the draft model's distribution that draft_tokens[i] was
        sampled from; draft_tokens: (K,) int; u: (K,) uniforms in [0, 1).
    Token i is accepted iff u[i] < min(1, p_i[t_i] / q_i[t_i]); stop at the first rejection.
    Returns (n_accepted, next_probs): an int in 0..K and the (V,) distribution of the next
    token — normalised max(0, p_n - q_n) at a rejection at n, target_probs[K] if all accepted.
    """
    raise NotImplementedError
