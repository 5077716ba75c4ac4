"""LaTeX source -> a tree of nodes, the renderer's input.

A node is a tuple: ("char", c) | ("space",) | ("cmd", name) | ("sup",) | ("sub",)
| ("group", [nodes]). Reading never fails: an unmatched brace or a trailing backslash is
dropped, and groups nest at most _MAX_GROUP_DEPTH deep (deeper braces are read as nothing).
"""

from __future__ import annotations

import re

_MAX_GROUP_DEPTH = 64
_CMD = re.compile(r"\\([A-Za-z]+\*?|.)", re.S)


def parse_latex(src: str) -> list:
    root: list = []
    stack = [root]
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch == "\\":
            m = _CMD.match(src, i)
            if m is None:  # a lone backslash at the very end
                i += 1
                continue
            name = m.group(1)
            if name in ("\n", "\t", "\r"):
                name = " "
            stack[-1].append(("cmd", name))
            i = m.end()
        elif ch == "{":
            if len(stack) > _MAX_GROUP_DEPTH:
                i += 1
                continue
            group: list = []
            stack[-1].append(("group", group))
            stack.append(group)
            i += 1
        elif ch == "}":
            if len(stack) > 1:
                stack.pop()
            i += 1  # an unmatched '}' is dropped
        elif ch == "^":
            stack[-1].append(("sup",))
            i += 1
        elif ch == "_":
            stack[-1].append(("sub",))
            i += 1
        elif ch.isspace():
            while i < n and src[i].isspace():
                i += 1
            stack[-1].append(("space",))
        else:
            stack[-1].append(("char", ch))
            i += 1
    return root
