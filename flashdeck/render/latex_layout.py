"""How rendered pieces of LaTeX are laid out as one line of text: scripts, accents,
parentheses around compound pieces, and word spacing.

The renderer builds its text with markers (below, all in \\x00-\\x08, which
`latex_to_unicode` strips from its input) that `finish` resolves once the whole formula is
known: whether a space is needed depends on both neighbours, and whether a `_`-script needs
parentheses depends on what follows it.
"""

from __future__ import annotations

import contextvars
import re

from flashdeck.render.latex_symbols import SUBSCRIPT, SUPERSCRIPT

SCRIPT_CHARS = set(SUPERSCRIPT.values()) | set(SUBSCRIPT.values()) | {"′"}
SUBSCRIPT_CHARS = set(SUBSCRIPT.values())
SENTINEL = "\x00"  # "a space here if both neighbours are word characters"
# A script that kept its '_'/'^' is wrapped in these until the end, where it gets
# parentheses if a letter follows it (R_(lcs)P: not R_lcsP) and none otherwise (π_ref).
SCRIPT_OPEN, SCRIPT_CLOSE = "\x02", "\x01"
_SCRIPT_SPAN = re.compile("\x02([^\x01\x02]*)\x01")
_OPEN = "([{⟨⌊⌈"
_CLOSE = ")]}⟩⌋⌉"
# top-level characters that make a rendered piece "compound" (needs parentheses around it)
_COMPOUND_CHARS = set(" +-−=±∓<>≤≥≠≈∼≃≅≡∝≪≫→←⇒⇐⇔↔↦∈∉⊂⊃⊆⊇∪∩∧∨⊕⊗,;/·×÷|∣:")


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


def is_compound(s: str) -> bool:
    s = s.replace(SENTINEL, " ").strip()
    return any(ch in _COMPOUND_CHARS for ch in _top_level(s))


def is_wrapped(s: str) -> bool:
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


def paren(s: str) -> str:
    return s if is_wrapped(s) else f"({s})"


def is_atom(s: str) -> bool:
    """One symbol with its scripts/accents (x, dₖ, θ̂, 10, d_model): safe after √."""
    s = s.replace(SENTINEL, "").replace(SCRIPT_OPEN, "").replace(SCRIPT_CLOSE, "")
    if not s:
        return True
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return True
    core = "".join(ch for ch in s if ch not in SCRIPT_CHARS and not is_combining(ch))
    if len(core) == 1:
        return True
    return bool(re.fullmatch(r"\w[\u0300-\u036f\u20d0-\u20ff]*_\w+", s))


def is_combining(ch: str) -> bool:
    return "\u0300" <= ch <= "\u036f" or "\u20d0" <= ch <= "\u20ff"


# One formula writes its subscripts one way: S_xy/(S_xx + λ), not S_xy/(Sₓₓ + λ). The first
# pass notes a subscript that has no Unicode form; the formula is then drawn again with `_`.
PLAIN_SUBSCRIPTS: contextvars.ContextVar[bool] = contextvars.ContextVar("plain_subscripts", default=False)
SUBSCRIPT_FELL_BACK: contextvars.ContextVar[list | None] = contextvars.ContextVar("sub_fell_back", default=None)


def script(s: str, table: dict, marker: str) -> str:
    body = s.replace(SENTINEL, "").strip()
    if not body:
        return ""
    compact = body.replace(" ", "")
    plain = table is SUBSCRIPT and PLAIN_SUBSCRIPTS.get()
    if not plain and all(ch in table for ch in compact):
        return "".join(table[ch] for ch in compact)
    if table is SUBSCRIPT and (seen := SUBSCRIPT_FELL_BACK.get()) is not None:
        seen.append(body)
    if plain and len(compact) == 1:
        return marker + compact
    if is_wrapped(body):
        return marker + body
    if not is_compound(body):
        return marker + SCRIPT_OPEN + body + SCRIPT_CLOSE
    return f"{marker}({body})"


def accent(s: str, mark: str) -> str:
    s = s.replace(SENTINEL, "")
    out = []
    for k, ch in enumerate(s):
        out.append(ch)
        if (
            ch.isalnum()
            and ch not in SCRIPT_CHARS
            and not (k + 1 < len(s) and is_combining(s[k + 1]))
        ):
            out.append(mark)
    return "".join(out)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or is_combining(ch) or ch in "′∂∇"


def _resolve_scripts(text: str) -> str:
    while True:
        m = _SCRIPT_SPAN.search(text)
        if m is None:
            return text
        nxt = text[m.end() : m.end() + 1]
        body = m.group(1)
        if nxt and nxt not in (SENTINEL, SCRIPT_CLOSE) and is_word_char(nxt):
            body = f"({body})"
        text = text[: m.start()] + body + text[m.end() :]


def finish(text: str) -> str:
    """Resolve script spans and word-boundary sentinels; tidy spaces, line by line."""
    text = _resolve_scripts(text).replace(SCRIPT_OPEN, "").replace(SCRIPT_CLOSE, "")
    out = []
    for k, ch in enumerate(text):
        if ch != SENTINEL:
            out.append(ch)
            continue
        prev = out[-1] if out else ""
        nxt = ""
        for c in text[k + 1 :]:
            if c != SENTINEL:
                nxt = c
                break
        if prev and nxt and is_word_char(prev) and is_word_char(nxt):
            out.append(" ")
    lines = "".join(out).split("\n")
    tidy = (re.sub(r" {2,}", " ", line).strip() for line in lines)
    return "\n".join(line for line in tidy if line)
