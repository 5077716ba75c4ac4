"""LaTeX in card text, made readable in a terminal.

`latex_to_unicode` turns the LaTeX math that cards use into plain Unicode text:
`\\frac{QK^\\top}{\\sqrt{d_k}}` -> `QKᵀ/√dₖ`. This module decides what each command does with
its arguments; the tables it reads are in latex_symbols, the tree it walks comes from
latex_tree, the spacing and script rules are in latex_layout, environments in
latex_environments. `$...$` in Markdown is found by flashdeck.render.markdown_math.

It is total: malformed input (unbalanced braces, unknown commands, a stray backslash)
still gives text, never an exception. Unknown commands lose their backslash and keep their
name (`\\softmax` -> `softmax`).

Why not a library (tried on the cards' formulas, 2026-12): pylatexenc 2.11 drops the grouping a
reader needs (`e^{x_i}` -> `e^x_i`, `\\mathbb{R}^{m \\times n}` -> `ℝ^m ×n`, `\\log p` -> `logp`)
and writes a matrix as `[ a b; c d ]`; unicodeit 0.7.5 only substitutes symbols, leaving `\\frac`
and environments as they are and mangling commands it half-knows (`\\log` -> `łog`,
`\\hat` -> `ℎat`, `\\lVert` -> `łVert`). This module gives `e^xᵢ`, `ℝ^(m × n)`, `log p`.
"""

from __future__ import annotations

import re

from flashdeck.render.latex_environments import environment
from flashdeck.render.latex_layout import (
    PLAIN_SUBSCRIPTS,
    SENTINEL,
    SUBSCRIPT_CHARS,
    SUBSCRIPT_FELL_BACK,
    accent,
    finish,
    is_atom,
    is_compound,
    is_wrapped,
    paren,
    script,
)
from flashdeck.render.latex_symbols import (
    ACCENTS,
    BIG_OPERATORS,
    DROPPED,
    DROPPED_WITH_ARG,
    ESCAPED,
    FONT_COMMANDS,
    GREEK,
    NEGATED,
    OPERATORS,
    SIZED_DELIMITERS,
    SPACES,
    SUBSCRIPT,
    SUPERSCRIPT,
    SYMBOLS,
    TEXT_COMMANDS,
    double_struck,
)
from flashdeck.render.latex_tree import parse_latex

__all__ = ["latex_to_unicode"]

_CLOSERS = {"right", "end", "rangle", "rVert", "rvert", "rbrace", "rfloor", "rceil"}


def _starts_factor(nodes: list, k: int) -> bool:
    """Does nodes[k] begin a term that multiplies what stands before it (X, (x+y), \\sum, √)?"""
    if k >= len(nodes):
        return False
    node = nodes[k]
    if node[0] == "char":
        return node[1].isalnum() or node[1] in "(["
    if node[0] == "group":
        return True
    if node[0] == "cmd":
        name = node[1]
        return not (name in OPERATORS or name in SPACES or name in _CLOSERS)
    return False


def _starts_word(node: tuple) -> bool:
    """Does this node render as a letter/digit (so a space before it is a product)?"""
    if node[0] == "char":
        return node[1].isalnum()
    if node[0] == "group":
        return True
    if node[0] == "cmd":
        name = node[1]
        if name in SYMBOLS:
            return SYMBOLS[name].isalnum() or SYMBOLS[name] in "∂∇"
        return name in FONT_COMMANDS or name in ACCENTS or name in ("mathbb", "operatorname")
    return False


class Renderer:
    def __init__(self) -> None:
        self.depth = 0

    # argument helpers -------------------------------------------------------
    @staticmethod
    def skip_spaces(nodes: list, i: int) -> int:
        while i < len(nodes) and nodes[i][0] == "space":
            i += 1
        return i

    def take_arg(self, nodes: list, i: int) -> tuple[list, int]:
        i = self.skip_spaces(nodes, i)
        if i >= len(nodes):
            return [], i
        node = nodes[i]
        if node[0] == "group":
            return node[1], i + 1
        return [node], i + 1

    def take_optional(self, nodes: list, i: int) -> tuple[list | None, int]:
        j = self.skip_spaces(nodes, i)
        if j < len(nodes) and nodes[j] == ("char", "["):
            depth = 0
            for k in range(j + 1, len(nodes)):
                if nodes[k] == ("char", "["):
                    depth += 1
                elif nodes[k] == ("char", "]"):
                    if depth == 0:
                        return nodes[j + 1 : k], k + 1
                    depth -= 1
        return None, i

    def take_scripts(self, nodes: list, i: int) -> tuple[str, int]:
        """Sub/superscripts right after an operator (limits), rendered."""
        sub = sup = ""
        while True:
            j = self.skip_spaces(nodes, i)
            if j < len(nodes) and nodes[j] in (("cmd", "limits"), ("cmd", "nolimits")):
                i = j + 1
                continue
            if j < len(nodes) and nodes[j][0] in ("sub", "sup"):
                arg, i = self.take_arg(nodes, j + 1)
                text = self.render(arg)
                if nodes[j][0] == "sub":
                    sub += script(text, SUBSCRIPT, "_")
                else:
                    sup += script(text, SUPERSCRIPT, "^")
                continue
            return sub + sup, i

    def text_of(self, nodes: list) -> str:
        """Raw characters of an argument (environment names, column specs)."""
        out = []
        for node in nodes:
            if node[0] == "char":
                out.append(node[1])
            elif node[0] == "group":
                out.append(self.text_of(node[1]))
            elif node[0] == "cmd":
                out.append(node[1])
        return "".join(out)

    # main -----------------------------------------------------------------
    def render(self, nodes: list, text_mode: bool = False) -> str:
        self.depth += 1
        try:
            if self.depth > 200:
                return self.text_of(nodes)
            return self._render(nodes, text_mode)
        finally:
            self.depth -= 1

    def _render(self, nodes: list, text_mode: bool) -> str:
        out: list[str] = []
        i = 0
        n = len(nodes)

        def ends_with_space() -> bool:
            for piece in reversed(out):
                if piece:
                    return piece[-1] == " "
            return False

        while i < n:
            node = nodes[i]
            kind = node[0]
            i += 1
            if kind == "space":
                out.append(" ")
            elif kind == "char":
                ch = node[1]
                if text_mode:
                    out.append("‘" if ch == "`" else ch)
                elif ch == "'":
                    out.append("′")
                elif ch in "~&":  # a tie; an alignment mark outside an environment
                    out.append(" ")
                else:
                    out.append(ch)
            elif kind == "group":
                out.append(self.render(node[1], text_mode))
            elif kind in ("sup", "sub"):
                if text_mode:
                    out.append("^" if kind == "sup" else "_")
                    continue
                arg, i = self.take_arg(nodes, i)
                text = self.render(arg)
                if kind == "sup":
                    out.append(script(text, SUPERSCRIPT, "^"))
                else:
                    out.append(script(text, SUBSCRIPT, "_"))
            else:  # command
                if self.juxtaposed_symbol(nodes, i - 1) and out and out[-1] == " ":
                    out.pop()  # Q \Lambda Q -> QΛQ, as TeX shows it
                piece, i = self.command(node[1], nodes, i, text_mode, ends_with_space)
                out.append(piece)
        return "".join(out)

    def juxtaposed_symbol(self, nodes: list, k: int) -> bool:
        """nodes[k] is a letter-like symbol command written between spaces in a product:
        a letter, a space, the command, a space, a letter."""
        name = nodes[k][1]
        if name not in SYMBOLS or not _starts_word(nodes[k]):
            return False
        before = k >= 2 and nodes[k - 1][0] == "space" and nodes[k - 2][0] == "char"
        if not before or not nodes[k - 2][1].isalnum():
            return False
        j = self.skip_spaces(nodes, k + 1)
        return j < len(nodes) and _starts_word(nodes[j])

    def command(
        self, name: str, nodes: list, i: int, text_mode: bool, ends_with_space
    ) -> tuple[str, int]:
        word = name[:1].isalpha()
        base = name.rstrip("*") if word else name

        def after_word(j: int) -> int:  # TeX drops the space after a control word
            return self.skip_spaces(nodes, j) if word else j

        if name in ESCAPED:
            return ESCAPED[name], i
        if name == "\\" or base == "newline" or base == "cr":
            return "\n", after_word(i)
        if name in SPACES or base in SPACES:
            return SPACES.get(name, SPACES.get(base, " ")), after_word(i)
        if base in ("hspace", "vspace", "kern", "mkern", "hskip", "mskip"):
            if base in ("hspace", "vspace"):
                _, i = self.take_arg(nodes, i)
            return " " if base != "vspace" else "", i
        if base in GREEK or base in SYMBOLS:
            # TeX drops the space after a control word; keep it unless a product follows
            # (\alpha x -> αx, \partial L -> ∂L, but \alpha + \beta -> α + β)
            j = self.skip_spaces(nodes, i)
            if word and j < len(nodes) and _starts_word(nodes[j]):
                return SYMBOLS[base], j
            return SYMBOLS[base], i
        if base in OPERATORS:
            sym = OPERATORS[base]
            if base in ("bmod", "mod"):
                return " mod ", after_word(i)
            j = self.skip_spaces(nodes, i)
            spaced = ends_with_space()
            return (sym + " " if spaced and j > i else sym), j
        if base == "pmod":
            arg, i = self.take_arg(nodes, i)
            return f" (mod {self.render(arg).strip()})", i
        if base in BIG_OPERATORS:
            scripts, j = self.take_scripts(nodes, i)
            if not scripts:
                j = after_word(i)
            return BIG_OPERATORS[base] + scripts, j
        if base in ("frac", "dfrac", "tfrac", "cfrac"):
            text, j = self.fraction(nodes, i)
            # 1/n run into a factor reads as 1/(nX): write (1/n)Xᵀ (after a space, the gap
            # already separates them: 1/√(2πσ²) exp(…))
            if _starts_factor(nodes, j) and not is_wrapped(text):
                text = paren(text)
            return text, j
        if base in ("binom", "dbinom", "tbinom", "choose"):
            top, i = self.take_arg(nodes, i)
            bottom, i = self.take_arg(nodes, i)
            return f"({self.render(top).strip()} choose {self.render(bottom).strip()})", i
        if base == "sqrt":
            return self.sqrt(nodes, i)
        if base in ACCENTS:
            arg, i = self.take_arg(nodes, i)
            return accent(self.render(arg), ACCENTS[base]), i
        if base == "mathbb" or base == "mathds" or base == "Bbb":
            arg, i = self.take_arg(nodes, i)
            return "".join(double_struck(c) for c in self.render(arg)), i
        if base in TEXT_COMMANDS:
            arg, i = self.take_arg(nodes, i)
            return self.render(arg, text_mode=True), i
        if base == "operatorname":
            arg, i = self.take_arg(nodes, i)
            return self.word(self.render(arg).strip(), nodes, i)
        if base in FONT_COMMANDS:
            if base in ("displaystyle", "textstyle"):
                return "", after_word(i)
            arg, i = self.take_arg(nodes, i)
            text = self.render(arg, text_mode)
            if len(text) > 1 and text.isalpha() and text.isascii():
                return SENTINEL + text + SENTINEL, i
            return text, i
        if base in ("textcolor", "colorbox"):
            _, i = self.take_arg(nodes, i)
            arg, i = self.take_arg(nodes, i)
            return self.render(arg, text_mode), i
        if base in DROPPED or name in DROPPED:
            return "", after_word(i)
        if base in DROPPED_WITH_ARG or name in DROPPED_WITH_ARG:
            _, i = self.take_arg(nodes, i)
            return "", i
        if base == "tag":
            arg, i = self.take_arg(nodes, i)
            return f"  ({self.render(arg, True).strip()})", i
        if base in SIZED_DELIMITERS:
            return self.delimiter(nodes, i)
        if base in ("overset", "stackrel", "underset"):
            top, i = self.take_arg(nodes, i)
            body, i = self.take_arg(nodes, i)
            table, marker = (SUBSCRIPT, "_") if base == "underset" else (SUPERSCRIPT, "^")
            return self.render(body) + script(self.render(top), table, marker), i
        if base == "not":
            j = self.skip_spaces(nodes, i)
            if j < len(nodes) and nodes[j][0] in ("cmd", "char"):
                key = nodes[j][1]
                if key in NEGATED:
                    return NEGATED[key], j + 1
                if nodes[j][0] == "cmd":
                    piece, k = self.command(key, nodes, j + 1, text_mode, ends_with_space)
                else:
                    piece, k = key, j + 1
                core = piece.rstrip(" ")
                return core + "\u0338" + piece[len(core) :], k
            return "", i
        if base == "begin":
            return environment(self, nodes, i)
        if base == "end":
            _, i = self.take_arg(nodes, i)
            return "", i
        if not word:  # an unknown control symbol such as \@: keep the character
            return name, i
        if text_mode:
            return base, after_word(i)
        # named operators and unknown commands: the name as a word
        return self.word(base, nodes, i)

    def word(self, text: str, nodes: list, i: int) -> tuple[str, int]:
        scripts, j = self.take_scripts(nodes, i)
        k = self.skip_spaces(nodes, j)
        if (
            k < len(nodes)
            and nodes[k][0] == "cmd"
            and nodes[k][1]
            in (
                "frac",
                "dfrac",
                "tfrac",
                "cfrac",
            )
        ):
            frac, k = self.fraction(nodes, k + 1)
            return f"{SENTINEL}{text}{scripts}{paren(frac)}", k
        return f"{SENTINEL}{text}{scripts}{SENTINEL}", self.skip_spaces(nodes, j)

    def fraction(self, nodes: list, i: int) -> tuple[str, int]:
        top, i = self.take_arg(nodes, i)
        bottom, i = self.take_arg(nodes, i)
        num = self.render(top).replace(SENTINEL, " ").strip()
        den = self.render(bottom).replace(SENTINEL, " ").strip()
        num = re.sub(r" {2,}", " ", num)
        den = re.sub(r" {2,}", " ", den)
        if is_compound(num):
            num = paren(num)
        if is_compound(den) or re.match(r"\d+\D", den):  # x/(2σ²), not x/2σ²
            den = paren(den)
        return f"{num}/{den}", i

    def sqrt(self, nodes: list, i: int) -> tuple[str, int]:
        index, i = self.take_optional(nodes, i)
        arg, i = self.take_arg(nodes, i)
        body = self.render(arg).replace(SENTINEL, " ").strip()
        body = body if is_atom(body) else paren(body)
        if index is None:
            return "√" + body, i
        idx = self.render(index).strip()
        if idx == "3":
            return "∛" + body, i
        if idx == "4":
            return "∜" + body, i
        if idx and all(c in SUPERSCRIPT for c in idx):
            return "".join(SUPERSCRIPT[c] for c in idx) + "√" + body, i
        return f"root({idx}, {body.strip('()') if is_wrapped(body) else body})", i

    def delimiter(self, nodes: list, i: int) -> tuple[str, int]:
        j = self.skip_spaces(nodes, i)
        if j >= len(nodes):
            return "", j
        node = nodes[j]
        if node[0] == "char":
            return ("" if node[1] == "." else node[1]), j + 1
        if node[0] == "cmd":
            name = node[1]
            if name in ESCAPED:
                return ESCAPED[name], j + 1
            if name in SYMBOLS:
                return SYMBOLS[name], j + 1
            if name in OPERATORS:
                return OPERATORS[name], j + 1
            return "", i  # \big\sum etc.: just drop the size
        return "", i


def latex_to_unicode(src: str) -> str:
    """Render LaTeX math as Unicode text. Never raises; rows of aligned/cases-like
    environments that are rendered one per line are separated by newlines."""
    src = re.sub("[\x00-\x08]", "", src or "")  # our internal markers live there
    if not src:
        return ""
    try:
        fell_back: list = []
        token = SUBSCRIPT_FELL_BACK.set(fell_back)
        try:
            out = finish(Renderer().render(parse_latex(src)))
        finally:
            SUBSCRIPT_FELL_BACK.reset(token)
        if fell_back and any(ch in SUBSCRIPT_CHARS for ch in out):
            token = PLAIN_SUBSCRIPTS.set(True)
            try:
                out = finish(Renderer().render(parse_latex(src)))
            finally:
                PLAIN_SUBSCRIPTS.reset(token)
        return out
    except Exception:  # pragma: no cover - a last resort; the renderer is meant to be total
        return (
            re.sub(r"\\([A-Za-z]+)", r"\1", src).replace("\\", "").replace("{", "").replace("}", "")
        )
