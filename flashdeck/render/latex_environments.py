"""LaTeX environments (\\begin{...}...\\end{...}) as terminal text."""

from __future__ import annotations

import re

from flashdeck.render.latex_layout import SENTINEL


def environment(r, nodes: list, i: int) -> tuple[str, int]:
    """\\begin{env}...\\end{env} as text: matrices on one line (rows split by ';'),
    cases in braces, aligned-like environments one line per row. `r` is the Renderer that
    met the \\begin (not imported here: it imports this module)."""
    arg, i = r.take_arg(nodes, i)
    env = r.text_of(arg).strip()
    base = env.rstrip("*")
    if base == "array" or base == "tabular":
        _, i = r.take_arg(nodes, i)  # column spec
    # the body runs to the matching \end{env}
    depth = 0
    end = len(nodes)
    for k in range(i, len(nodes)):
        if nodes[k] == ("cmd", "begin"):
            depth += 1
        elif nodes[k] == ("cmd", "end"):
            if depth == 0:
                end = k
                break
            depth -= 1
    body = nodes[i:end]
    after = end
    if end < len(nodes):
        _, after = r.take_arg(nodes, end + 1)
    rows: list[list[list]] = [[[]]]
    nested = 0
    for node in body:
        if node == ("cmd", "begin"):
            nested += 1
        elif node == ("cmd", "end"):
            nested -= 1
        if nested == 0 and node == ("cmd", "\\"):
            rows.append([[]])
        elif nested == 0 and node == ("char", "&"):
            rows[-1].append([])
        else:
            rows[-1][-1].append(node)
    rendered = [[r.render(cell).replace(SENTINEL, " ").strip() for cell in row]
                for row in rows]  # fmt: skip
    rendered = [row for row in rendered if any(row)]
    matrices = {"matrix": "", "smallmatrix": "", "array": "", "pmatrix": "()",
                "bmatrix": "[]", "Bmatrix": "{}", "vmatrix": "||", "Vmatrix": "‖‖",
                "tabular": ""}  # fmt: skip
    if base in ("cases", "dcases", "rcases", "cases*"):
        inner = "; ".join(", ".join(c for c in row if c) for row in rendered)
        return "{ " + inner + " }", after
    if base in matrices:
        inner = "; ".join(", ".join(row) for row in rendered)
        delims = matrices[base]
        return (delims[:1] + inner + delims[1:]) if delims else inner, after
    # aligned, align, gather, split, equation, ...: one line per row
    lines = [re.sub(r" {2,}", " ", " ".join(c for c in row if c)) for row in rendered]
    return "\n".join(lines), after
