import numpy as np


def clip_contrastive_loss(image_emb, text_emb, temperature):
    """Symmetric InfoNCE over L2-normalised embeddings.

    image_emb, text_emb: (N, D); row i of each is a matching pair. temperature > 0.
    logits = normalise(image_emb) @ normalise(text_emb).T / temperature; the loss is the mean
    of the image->text and text->image cross-entropies with the diagonal as targets.
    Returns a scalar.
    """
    raise NotImplementedError
