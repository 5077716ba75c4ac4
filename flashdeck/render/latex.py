"""LaTeX in card text, made readable in a terminal.

`latex_to_unicode` turns the LaTeX math that cards use into plain Unicode text:
`\\frac{QK^\\top}{\\sqrt{d_k}}` -> `QKᵀ/√dₖ`. `render_markdown_math` replaces every `$...$`
and `$$...$$` span of a Markdown card with that rendering, leaving code alone, so Textual's
Markdown widget never shows raw backslashes.

Both are total: malformed input (unbalanced braces, unknown commands, a stray backslash)
still gives text, never an exception. Unknown commands lose their backslash and keep their
name (`\\softmax` -> `softmax`).
"""

from __future__ import annotations

import contextvars
import re

__all__ = ["latex_to_unicode", "render_markdown_math"]

# --------------------------------------------------------------------------- tables

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ",
    "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "varGamma": "Γ", "varDelta": "Δ", "varTheta": "Θ", "varLambda": "Λ", "varXi": "Ξ",
    "varPi": "Π", "varSigma": "Σ", "varUpsilon": "Υ", "varPhi": "Φ", "varPsi": "Ψ",
    "varOmega": "Ω",
}  # fmt: skip

# Ordinary symbols: the space after them in the source is dropped, as TeX does.
SYMBOLS = {
    **GREEK,
    "infty": "∞", "partial": "∂", "nabla": "∇", "forall": "∀", "exists": "∃",
    "nexists": "∄", "neg": "¬", "lnot": "¬", "emptyset": "∅", "varnothing": "∅",
    "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "angle": "∠",
    "top": "⊤", "bot": "⊥", "intercal": "ᵀ", "prime": "′", "dagger": "†",
    "ddagger": "‡", "star": "⋆", "ast": "∗", "bullet": "•", "circ": "∘",
    "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "lbrack": "[",
    "rbrack": "]", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖", "Vert": "‖",
    "backslash": "∖", "checkmark": "✓", "square": "□", "Box": "□", "triangle": "△",
    "degree": "°", "sharp": "♯", "flat": "♭", "natural": "♮", "imath": "ı", "jmath": "ȷ",
    "wp": "℘", "mho": "℧", "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡",
    "spadesuit": "♠", "cdotp": "·", "colon": ":", "lq": "‘", "rq": "’",
    "textbackslash": "∖", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "copyright": "©",
    "pounds": "£", "euro": "€",
}  # fmt: skip

# Binary operators and relations: spaced like the source spaces the left side.
OPERATORS = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "leqslant": "≤", "geqslant": "≥", "ne": "≠", "neq": "≠",
    "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝",
    "ll": "≪", "gg": "≫", "lt": "<", "gt": ">", "to": "→", "rightarrow": "→",
    "gets": "←", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "implies": "⇒", "impliedby": "⇐", "iff": "⇔", "Leftrightarrow": "⇔",
    "leftrightarrow": "↔", "longrightarrow": "⟶", "longleftarrow": "⟵",
    "Longrightarrow": "⟹", "Longleftarrow": "⟸", "longleftrightarrow": "⟷",
    "Longleftrightarrow": "⟺", "mapsto": "↦", "longmapsto": "⟼", "uparrow": "↑",
    "downarrow": "↓", "Uparrow": "⇑", "Downarrow": "⇓", "hookrightarrow": "↪",
    "rightharpoonup": "⇀", "leftharpoonup": "↼", "rightleftharpoons": "⇌",
    "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃",
    "subseteq": "⊆", "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋",
    "cup": "∪", "cap": "∩", "setminus": "∖", "land": "∧", "lor": "∨", "wedge": "∧",
    "vee": "∨", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "odot": "⊙",
    "oslash": "⊘", "mid": "|", "nmid": "∤", "parallel": "∥", "nparallel": "∦",
    "perp": "⊥", "vdash": "⊢", "models": "⊨", "triangleq": "≜", "coloneqq": "≔",
    "eqqcolon": "≕", "doteq": "≐", "prec": "≺", "succ": "≻", "preceq": "⪯",
    "succeq": "⪰", "lesssim": "≲", "gtrsim": "≳", "asymp": "≍", "bowtie": "⋈",
    "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎", "amalg": "⨿", "wr": "≀",
    "bmod": "mod", "mod": "mod",
}  # fmt: skip

BIG_OPERATORS = {
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭",
    "oint": "∮", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
    "bigodot": "⨀", "bigvee": "⋁", "bigwedge": "⋀", "bigsqcup": "⨆", "biguplus": "⨄",
}  # fmt: skip

# Named operators printed as words (\log, \max, ...); unknown commands are treated alike.
WORD_OPERATORS = {
    "log", "ln", "lg", "exp", "max", "min", "sup", "inf", "lim", "liminf", "limsup",
    "arg", "argmax", "argmin", "det", "dim", "ker", "deg", "gcd", "lcm", "hom", "Pr",
    "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
    "arcsin", "arccos", "arctan", "tr", "Tr", "rank", "diag", "sgn", "sign",
    "softmax", "KL", "Var", "Cov", "var", "cov", "erf", "relu", "ReLU",
}  # fmt: skip

ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
    "bar": "\u0304", "overline": "\u0305", "vec": "\u20d7", "overrightarrow": "\u20d7",
    "dot": "\u0307", "ddot": "\u0308", "dddot": "\u20db", "check": "\u030c",
    "breve": "\u0306", "acute": "\u0301", "grave": "\u0300", "mathring": "\u030a",
    "underline": "\u0332", "utilde": "\u0330",
}  # fmt: skip

FONT_COMMANDS = {
    "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathnormal", "boldsymbol", "bm",
    "pmb", "mathcal", "mathscr", "mathfrak", "mathbfit", "symbf", "symit", "symrm",
    "symsf", "symcal", "Bbb", "displaystyle", "underbrace", "overbrace", "boxed",
    "textstyle", "cancel", "bcancel", "xcancel", "smash",
}  # fmt: skip
TEXT_COMMANDS = {
    "text", "textrm", "textbf", "textit", "textsf", "texttt", "textnormal", "emph",
    "mbox", "hbox", "textup", "textsl", "textsc",
}  # fmt: skip
DROPPED = {
    "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits",
    "nolimits", "nonumber", "notag", "hline", "cline", "centering", "nolinebreak",
    "allowbreak", "mathstrut", "strut", "relax", "small", "large", "Large", "tiny",
    "normalsize", "footnotesize", "huge", "Huge", "left.", "right.",
}  # fmt: skip
DROPPED_WITH_ARG = {"label", "color", "phantom", "vphantom", "hphantom", "vspace", "hspace*",
                    "vspace*"}  # fmt: skip
SIZED_DELIMITERS = {
    "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
    "Bigr", "biggl", "biggr", "Biggl", "Biggr", "bigm", "Bigm", "biggm", "Biggm",
}  # fmt: skip
SPACES = {
    ",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "!": "", "quad": "\u2003",
    "qquad": "\u2003\u2003", "enspace": " ", "thinspace": " ", "medspace": " ",
    "thickspace": " ", "negthinspace": "", "negmedspace": "", "negthickspace": "",
    "space": " ", "nobreakspace": " ", "hfill": " ",
}  # fmt: skip
ESCAPED = {"{": "{", "}": "}", "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "|": "‖"}
NEGATED = {"in": "∉", "=": "≠", "equiv": "≢", "subset": "⊄", "supset": "⊅",
           "subseteq": "⊈", "supseteq": "⊉", "mid": "∤", "parallel": "∦", "sim": "≁",
           "approx": "≉", "le": "≰", "leq": "≰", "ge": "≱", "geq": "≱", "<": "≮",
           ">": "≯", "exists": "∄", "ni": "∌", "cong": "≇"}  # fmt: skip

SUPERSCRIPT = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθιφχ⊤ᵀ′*∗'",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᶥᵠᵡᵀᵀ′**′",
        strict=True,
    )
)
SUBSCRIPT = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
_DOUBLE_STRUCK_SPECIAL = {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}


def _double_struck(ch: str) -> str:
    if ch in _DOUBLE_STRUCK_SPECIAL:
        return _DOUBLE_STRUCK_SPECIAL[ch]
    if "A" <= ch <= "Z":
        return chr(0x1D538 + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(0x1D552 + ord(ch) - ord("a"))
    if "0" <= ch <= "9":
        return chr(0x1D7D8 + ord(ch) - ord("0"))
    return ch


_SCRIPT_CHARS = set(SUPERSCRIPT.values()) | set(SUBSCRIPT.values()) | {"′"}
_SUBSCRIPT_CHARS = set(SUBSCRIPT.values())
_SENTINEL = "\x00"  # "a space here if both neighbours are word characters"
# A script that kept its '_'/'^' is wrapped in these until the end, where it gets
# parentheses if a letter follows it (R_(lcs)P: not R_lcsP) and none otherwise (π_ref).
_SCRIPT_OPEN, _SCRIPT_CLOSE = "\x02", "\x01"
_SCRIPT_SPAN = re.compile("\x02([^\x01\x02]*)\x01")
_OPEN = "([{⟨⌊⌈"
_CLOSE = ")]}⟩⌋⌉"
# top-level characters that make a rendered piece "compound" (needs parentheses around it)
_COMPOUND_CHARS = set(" +-−=±∓<>≤≥≠≈∼≃≅≡∝≪≫→←⇒⇐⇔↔↦∈∉⊂⊃⊆⊇∪∩∧∨⊕⊗,;/·×÷|∣:")

# --------------------------------------------------------------------------- tokens and tree
# A node is a tuple: ("char", c) | ("space",) | ("cmd", name) | ("sup",) | ("sub",)
# | ("group", [nodes]).

_MAX_GROUP_DEPTH = 64
_CMD = re.compile(r"\\([A-Za-z]+\*?|.)", re.S)


def _parse(src: str) -> list:
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


# --------------------------------------------------------------------------- helpers


def _top_level(s: str):
    """Yield the characters of `s` that are outside any brackets."""
    depth = 0
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            yield ch


def _is_compound(s: str) -> bool:
    s = s.replace(_SENTINEL, " ").strip()
    return any(ch in _COMPOUND_CHARS for ch in _top_level(s))


def _is_wrapped(s: str) -> bool:
    """'(…)' whose first parenthesis closes at the very end."""
    if len(s) < 2 or s[0] != "(" or s[-1] != ")":
        return False
    depth = 0
    for k, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and k != len(s) - 1:
                return False
    return True


def _paren(s: str) -> str:
    return s if _is_wrapped(s) else f"({s})"


def _is_atom(s: str) -> bool:
    """One symbol with its scripts/accents (x, dₖ, θ̂, 10, d_model): safe after √."""
    s = s.replace(_SENTINEL, "").replace(_SCRIPT_OPEN, "").replace(_SCRIPT_CLOSE, "")
    if not s:
        return True
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return True
    core = "".join(ch for ch in s if ch not in _SCRIPT_CHARS and not _is_combining(ch))
    if len(core) == 1:
        return True
    return bool(re.fullmatch(r"\w[\u0300-\u036f\u20d0-\u20ff]*_\w+", s))


def _is_combining(ch: str) -> bool:
    return "\u0300" <= ch <= "\u036f" or "\u20d0" <= ch <= "\u20ff"


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


# One formula writes its subscripts one way: S_xy/(S_xx + λ), not S_xy/(Sₓₓ + λ). The first
# pass notes a subscript that has no Unicode form; the formula is then drawn again with `_`.
_PLAIN_SUBSCRIPTS: contextvars.ContextVar[bool] = contextvars.ContextVar("plain_subscripts", default=False)
_SUBSCRIPT_FELL_BACK: contextvars.ContextVar[list | None] = contextvars.ContextVar("sub_fell_back", default=None)


def _script(s: str, table: dict, marker: str) -> str:
    body = s.replace(_SENTINEL, "").strip()
    if not body:
        return ""
    compact = body.replace(" ", "")
    plain = table is SUBSCRIPT and _PLAIN_SUBSCRIPTS.get()
    if not plain and all(ch in table for ch in compact):
        return "".join(table[ch] for ch in compact)
    if table is SUBSCRIPT and (seen := _SUBSCRIPT_FELL_BACK.get()) is not None:
        seen.append(body)
    if plain and len(compact) == 1:
        return marker + compact
    if _is_wrapped(body):
        return marker + body
    if not _is_compound(body):
        return marker + _SCRIPT_OPEN + body + _SCRIPT_CLOSE
    return f"{marker}({body})"


def _accent(s: str, mark: str) -> str:
    s = s.replace(_SENTINEL, "")
    out = []
    for k, ch in enumerate(s):
        out.append(ch)
        if (
            ch.isalnum()
            and ch not in _SCRIPT_CHARS
            and not (k + 1 < len(s) and _is_combining(s[k + 1]))
        ):
            out.append(mark)
    return "".join(out)


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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or _is_combining(ch) or ch in "′∂∇"


# --------------------------------------------------------------------------- renderer


class _Renderer:
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
                    sub += _script(text, SUBSCRIPT, "_")
                else:
                    sup += _script(text, SUPERSCRIPT, "^")
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
                    out.append(_script(text, SUPERSCRIPT, "^"))
                else:
                    out.append(_script(text, SUBSCRIPT, "_"))
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
            if _starts_factor(nodes, j) and not _is_wrapped(text):
                text = _paren(text)
            return text, j
        if base in ("binom", "dbinom", "tbinom", "choose"):
            top, i = self.take_arg(nodes, i)
            bottom, i = self.take_arg(nodes, i)
            return f"({self.render(top).strip()} choose {self.render(bottom).strip()})", i
        if base == "sqrt":
            return self.sqrt(nodes, i)
        if base in ACCENTS:
            arg, i = self.take_arg(nodes, i)
            return _accent(self.render(arg), ACCENTS[base]), i
        if base == "mathbb" or base == "mathds" or base == "Bbb":
            arg, i = self.take_arg(nodes, i)
            return "".join(_double_struck(c) for c in self.render(arg)), i
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
                return _SENTINEL + text + _SENTINEL, i
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
            return self.render(body) + _script(self.render(top), table, marker), i
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
            return self.environment(nodes, i)
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
            return f"{_SENTINEL}{text}{scripts}{_paren(frac)}", k
        return f"{_SENTINEL}{text}{scripts}{_SENTINEL}", self.skip_spaces(nodes, j)

    def fraction(self, nodes: list, i: int) -> tuple[str, int]:
        top, i = self.take_arg(nodes, i)
        bottom, i = self.take_arg(nodes, i)
        num = self.render(top).replace(_SENTINEL, " ").strip()
        den = self.render(bottom).replace(_SENTINEL, " ").strip()
        num = re.sub(r" {2,}", " ", num)
        den = re.sub(r" {2,}", " ", den)
        if _is_compound(num):
            num = _paren(num)
        if _is_compound(den) or re.match(r"\d+\D", den):  # x/(2σ²), not x/2σ²
            den = _paren(den)
        return f"{num}/{den}", i

    def sqrt(self, nodes: list, i: int) -> tuple[str, int]:
        index, i = self.take_optional(nodes, i)
        arg, i = self.take_arg(nodes, i)
        body = self.render(arg).replace(_SENTINEL, " ").strip()
        body = body if _is_atom(body) else _paren(body)
        if index is None:
            return "√" + body, i
        idx = self.render(index).strip()
        if idx == "3":
            return "∛" + body, i
        if idx == "4":
            return "∜" + body, i
        if idx and all(c in SUPERSCRIPT for c in idx):
            return "".join(SUPERSCRIPT[c] for c in idx) + "√" + body, i
        return f"root({idx}, {body.strip('()') if _is_wrapped(body) else body})", i

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

    def environment(self, nodes: list, i: int) -> tuple[str, int]:
        arg, i = self.take_arg(nodes, i)
        env = self.text_of(arg).strip()
        base = env.rstrip("*")
        if base == "array" or base == "tabular":
            _, i = self.take_arg(nodes, i)  # column spec
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
            _, after = self.take_arg(nodes, end + 1)
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
        rendered = [[self.render(cell).replace(_SENTINEL, " ").strip() for cell in row]
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


def _resolve_scripts(text: str) -> str:
    while True:
        m = _SCRIPT_SPAN.search(text)
        if m is None:
            return text
        nxt = text[m.end() : m.end() + 1]
        body = m.group(1)
        if nxt and nxt not in (_SENTINEL, _SCRIPT_CLOSE) and _is_word_char(nxt):
            body = f"({body})"
        text = text[: m.start()] + body + text[m.end() :]


def _finish(text: str) -> str:
    """Resolve script spans and word-boundary sentinels; tidy spaces, line by line."""
    text = _resolve_scripts(text).replace(_SCRIPT_OPEN, "").replace(_SCRIPT_CLOSE, "")
    out = []
    for k, ch in enumerate(text):
        if ch != _SENTINEL:
            out.append(ch)
            continue
        prev = out[-1] if out else ""
        nxt = ""
        for c in text[k + 1 :]:
            if c != _SENTINEL:
                nxt = c
                break
        if prev and nxt and _is_word_char(prev) and _is_word_char(nxt):
            out.append(" ")
    lines = "".join(out).split("\n")
    tidy = (re.sub(r" {2,}", " ", line).strip() for line in lines)
    return "\n".join(line for line in tidy if line)


def latex_to_unicode(src: str) -> str:
    """Render LaTeX math as Unicode text. Never raises; rows of aligned/cases-like
    environments that are rendered one per line are separated by newlines."""
    src = re.sub("[\x00-\x08]", "", src or "")  # our internal markers live there
    if not src:
        return ""
    try:
        fell_back: list = []
        token = _SUBSCRIPT_FELL_BACK.set(fell_back)
        try:
            out = _finish(_Renderer().render(_parse(src)))
        finally:
            _SUBSCRIPT_FELL_BACK.reset(token)
        if fell_back and any(ch in _SUBSCRIPT_CHARS for ch in out):
            token = _PLAIN_SUBSCRIPTS.set(True)
            try:
                out = _finish(_Renderer().render(_parse(src)))
            finally:
                _PLAIN_SUBSCRIPTS.reset(token)
        return out
    except Exception:  # pragma: no cover - a last resort; the renderer is meant to be total
        return (
            re.sub(r"\\([A-Za-z]+)", r"\1", src).replace("\\", "").replace("{", "").replace("}", "")
        )


# --------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_MD_SPECIAL = set("\\`*_[]<>|~&#")
# Display math is indented with U+2800 BRAILLE PATTERN BLANK: it shows as a blank cell but
# is not whitespace, so neither Markdown's paragraph stripping nor Textual's collapsing of
# whitespace runs (re.sub(r"\s+", " ", ...)) removes it, as they would NBSP.
_INDENT = "\u2800" * 4
_LIST_MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])?\s*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _md_escape(s: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in s)


def _split_code_fences(md: str) -> list[tuple[bool, str]]:
    """[(is_code, text)] with fenced code blocks (fence lines included) marked as code."""
    parts: list[tuple[bool, str]] = []
    lines = md.splitlines(keepends=True)
    buf: list[str] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = _FENCE.match(line)
            if m and not (m.group(2)[0] == "`" and "`" in line[m.end() :]):
                if buf:
                    parts.append((False, "".join(buf)))
                buf = [line]
                fence = m.group(2)
            else:
                buf.append(line)
        else:
            buf.append(line)
            stripped = line.strip()
            if (
                len(line) - len(line.lstrip(" ")) <= 3
                and stripped
                and set(stripped) == {fence[0]}
                and len(stripped) >= len(fence)
            ):
                parts.append((True, "".join(buf)))
                buf = []
                fence = None
    if buf:
        parts.append((fence is not None, "".join(buf)))
    return parts


def _find_inline_close(text: str, start: int) -> int:
    """Index of the '$' closing inline math opened just before `start`, or -1.

    The first unescaped '$' after the opening one must be the closing one: it has a
    non-space character right before it and no digit right after it. The span may not
    contain a blank line (it stays within one paragraph).
    """
    k = start
    n = len(text)
    while k < n:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "\n" and _BLANK_LINE.match(text, k):
            return -1
        if ch == "$":  # the first '$' must close it, else this was no math ("$5 or $6")
            if text[k - 1].isspace() or (k + 1 < n and text[k + 1].isdigit()):
                return -1
            return k
        k += 1
    return -1


def _render_text(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)

    def current_line() -> str:
        joined = "".join(out)
        return joined[joined.rfind("\n") + 1 :]

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            run = text[i:j]
            close = re.compile(r"(?<!`)" + run + r"(?!`)").search(text, j)
            if close:
                out.append(text[i : close.end()])
                i = close.end()
            else:
                out.append(run)
                i = j
            continue
        if text.startswith("$$", i):
            close = text.find("$$", i + 2)
            while close != -1 and text[close - 1] == "\\":
                close = text.find("$$", close + 2)
            if (
                close == -1
                or close == i + 2
                or _BLANK_LINE.search(text[i + 2 : close])
                or text[close + 2 : close + 3].isdigit()  # "$$5 and $$10": money, not math
            ):
                out.append("$$")
                i += 2
                continue
            rendered = latex_to_unicode(text[i + 2 : close])
            before = current_line()
            if _LIST_MARKER.match(before):
                prefix = re.sub(r"[-*+]|\d{1,9}[.)]", lambda m: " " * len(m.group()), before)
                if not before.strip():
                    # a display block at a line start: break the line before it (if any)
                    joined = "".join(out)
                    cut = len(joined) - len(before)
                    if cut > 0 and joined[cut - 1] == "\n":
                        prev_start = joined.rfind("\n", 0, cut - 1) + 1
                        prev_line = joined[prev_start : cut - 1]
                        if prev_line.strip() and not prev_line.endswith("  "):
                            out[:] = [joined[: cut - 1] + "  \n" + before]
            else:
                out[:] = ["".join(out).rstrip(" \t"), "  \n"]
                prefix = re.match(r"\s*", before).group()
            lines = [_md_escape(line) for line in rendered.split("\n")] or [""]
            out.append(_INDENT + ("  \n" + prefix + _INDENT).join(lines))
            i = close + 2
            rest = text[i : text.find("\n", i) if "\n" in text[i:] else n]
            if rest.strip():
                out.append("  \n" + prefix)
                while i < n and text[i] in " \t":
                    i += 1
            elif i < n:
                out.append("  ")
            continue
        if ch == "$":
            if i + 1 < n and not text[i + 1].isspace():
                close = _find_inline_close(text, i + 1)
                if close != -1:
                    rendered = latex_to_unicode(text[i + 1 : close]).replace("\n", "; ")
                    escaped = _md_escape(rendered)
                    if not current_line().strip() and escaped[:1] in ("-", "+", "="):
                        escaped = "\\" + escaped
                    out.append(escaped)
                    i = close + 1
                    continue
            out.append("$")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def render_markdown_math(md: str) -> str:
    """Replace `$…$` and `$$…$$` in Markdown with readable Unicode.

    Fenced code blocks and inline `code` are left as they are. Inline math needs a
    non-space right after the opening `$`, a non-space right before the closing `$`
    (which is not followed by a digit) and no blank line in between, so "$5 and $10"
    stays text. `\\$` stays a literal dollar. Markdown-special characters in the
    rendering are backslash-escaped (Markdown shows them without the backslash); display
    math goes on its own lines, indented with blank cells (U+2800) and joined by hard
    line breaks, so it stays inside the paragraph or list item it was written in.
    """
    if "$" not in md:
        return md
    return "".join(part if is_code else _render_text(part) for is_code, part in
                   _split_code_fences(md))  # fmt: skip
