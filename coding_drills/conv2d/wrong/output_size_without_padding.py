# Mistake: output size computed without the padding
# The windows slide over the padded input, so H_out = (H + 2·ph − kh) // sh + 1; the unpadded
# H gives too few rows and columns.
# Hint: 1
import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d(x, weight, bias, stride=1, padding=0):
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    c_out, _, kh, kw = weight.shape
    h_out = (x.shape[2] - kh) // sh + 1
    w_out = (x.shape[3] - kw) // sw + 1
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out = np.zeros((x.shape[0], c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = np.einsum("nchw,ochw->no", window, weight)
    if bias is not None:
        out += bias.reshape(1, -1, 1, 1)
    return out
