import torch

_CELLS = {}  # one nn.LSTMCell per (input, hidden) size: its random init is paid once


def reference(x, h, c, w_ih, w_hh, b_ih, b_hh):
    key = (w_ih.shape[1], w_hh.shape[1])
    if key not in _CELLS:
        _CELLS[key] = torch.nn.LSTMCell(*key, dtype=torch.float64)
    cell = _CELLS[key]
    with torch.no_grad():  # every parameter is overwritten: nothing carries over between calls
        cell.weight_ih.copy_(w_ih)
        cell.weight_hh.copy_(w_hh)
        cell.bias_ih.copy_(b_ih)
        cell.bias_hh.copy_(b_hh)
        h_new, c_new = cell(x, (h, c))
    return h_new, c_new
