"""The tables the LaTeX renderer reads: which command prints which character, and how.

Data only (plus the one letter map that is arithmetic rather than a table): the renderer in
flashdeck.render.latex decides what each kind of command does with its arguments.
"""

from __future__ import annotations

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


def double_struck(ch: str) -> str:
    if ch in _DOUBLE_STRUCK_SPECIAL:
        return _DOUBLE_STRUCK_SPECIAL[ch]
    if "A" <= ch <= "Z":
        return chr(0x1D538 + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(0x1D552 + ord(ch) - ord("a"))
    if "0" <= ch <= "9":
        return chr(0x1D7D8 + ord(ch) - ord("0"))
    return ch
