import torch


def reference(x, h, c, w_ih, w_hh, b_ih, b_hh):
    cell = torch.nn.LSTMCell(w_ih.shape[1], w_hh.shape[1], dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(w_ih)
        cell.weight_hh.copy_(w_hh)
        cell.bias_ih.copy_(b_ih)
        cell.bias_hh.copy_(b_hh)
        h_new, c_new = cell(x, (h, c))
    return h_new, c_new
