import numpy as np

from flashdeck.drills.case import Case


def _random(name, seed, n, d, temperature, note="", aligned=0.0):
    rng = np.random.default_rng(seed)
    image = rng.normal(size=(n, d))
    text = rng.normal(size=(n, d)) + aligned * image  # aligned > 0: pairs already correlated
    return Case(name, {"image_emb": image, "text_emb": text, "temperature": temperature},
                seed=seed, note=note)


def cases(fresh_seed):
    rng = np.random.default_rng(5)
    scales = np.array([[0.01], [1.0], [50.0], [3.0], [1000.0], [0.2]])
    out = [
        Case("one_pair", {"image_emb": np.array([[0.3, -1.2, 2.0]]),
                          "text_emb": np.array([[1.0, 0.5, -0.5]]), "temperature": 0.07},
             note="N=1: the only text is the right one, the loss is exactly 0"),
        Case("orthonormal_pairs", {"image_emb": np.eye(4), "text_emb": 2.0 * np.eye(4),
                                   "temperature": 0.5},
             note="image i = e_i, text i = 2 e_i: after normalising, logits are 2 on the "
                  "diagonal and 0 elsewhere"),
        Case("very_different_norms", {"image_emb": rng.normal(size=(6, 8)) * scales,
                                      "text_emb": rng.normal(size=(6, 8)) * scales[::-1],
                                      "temperature": 0.07}, seed=5,
             note="row norms from 0.01 to 1000: only the directions may count (normalise)"),
    ]
    for seed in (1, 2, fresh_seed):
        out.append(_random(f"batch_seed{seed}", seed, 8, 16, 0.07, aligned=1.0,
                           note="8 pairs, CLIP's initial temperature 0.07"))
    out.extend([
        _random("temperature_1", 3, 5, 6, 1.0, note="tau = 1: plain cosine similarities"),
        _random("tiny_temperature", 4, 6, 10, 1e-3, aligned=0.5,
                note="tau = 1e-3: logits up to ±1000, needs a stable log-sum-exp"),
        _random("odd_7x5", 6, 7, 5, 0.2, note="N = 7 pairs of D = 5"),
        _random(f"realistic_256x512_seed{fresh_seed}", fresh_seed, 256, 512, 0.01, aligned=0.3,
                note="a batch of 256 pairs of 512-d embeddings, tau = 0.01 (logit scale 100)"),
    ])
    return out
