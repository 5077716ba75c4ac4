"""Written apart from the solution: no message passing. Every rank ends with the sum of all
the chunks (torch.stack(...).sum(0)), and the bytes come from which segments a rank sends:
in the reduce-scatter every segment but the one it finishes owning ((r + 1) % N), in the
all-gather every one but the one it receives last ((r + 2) % N)."""

import torch


def reference(chunks):
    n = len(chunks)
    total = torch.stack(chunks).sum(dim=0)
    sizes = [seg.numel() for seg in torch.tensor_split(chunks[0].reshape(-1), n)]  # = np.array_split
    item = chunks[0].element_size()
    numel = chunks[0].numel()
    sent = [item * ((numel - sizes[(r + 1) % n]) + (numel - sizes[(r + 2) % n])) if n > 1 else 0
            for r in range(n)]
    return [total.clone() for _ in range(n)], torch.tensor(sent, dtype=torch.int64)
