"""Card text (Markdown with `$…$` / `$$…$$` LaTeX) -> HTML for Anki.

The LaTeX is kept as written and wrapped for Anki's MathJax: inline `$x$` becomes `\\(x\\)`,
display `$$x$$` becomes `\\[x\\]` (HTML-escaped, which MathJax reads back as the same TeX).
Math is recognised by the same rules as the terminal renderer (flashdeck.render.markdown_math): a
non-space right inside both dollars, no digit right after the closing one, so "$5 and $10"
stays text; nothing inside code spans or fenced code is touched. Fenced code keeps its
language as `<pre><code class="language-…">`.

Raw HTML in a card is shown as text, never passed through: deck files are data.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

__all__ = ["markdown_to_html", "code_block", "escape"]


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def _math(content: str, options: dict) -> str:
    content = content.strip()
    if options.get("display_mode"):
        return f"\\[{escape(content)}\\]"
    return f"\\({escape(content)}\\)"


@lru_cache(maxsize=1)
def _parser():
    # lazy: markdown-it (~100 modules) only when an export renders a card, not when services.export imports this module
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin  # lazy: as above

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,  # "$ 5" is not math
        allow_digits=False,  # "$5 and $10" is not math
        allow_blank_lines=False,
        double_inline=True,  # $$…$$ inside a paragraph or list item
        renderer=_math,
    )
    # the plugin wraps math in <span class="math inline"> / <div class="math block">; a display
    # formula inside a sentence would otherwise become a <div> inside a <p>
    md.add_render_rule("math_inline_double", lambda _r, tokens, idx, *_: _math(tokens[idx].content, {"display_mode": True}))
    md.add_render_rule("math_inline", lambda _r, tokens, idx, *_: _math(tokens[idx].content, {}))
    md.add_render_rule("math_block", lambda _r, tokens, idx, *_: f"<div class=\"fd-math\">{_math(tokens[idx].content, {'display_mode': True})}</div>\n")
    return md


# Outside math, text with none of these characters is one plain paragraph: it skips the full
# parser, which costs ~0.6 µs per character in pure Python. `_fast_paragraph` gives exactly what
# the parser would (tests compare the two on every bundled card and on generated text).
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>!|~&#\t\r\f\v]")
_BLOCK_START = re.compile(r" {0,3}(?:[-+*=#>\d]|\$\$)| {4}")
_WS = frozenset(" \t\n\f\v\r") | {chr(c) for c in range(0x2000, 0x200B)}


def _escaped(src: str, pos: int) -> bool:
    """An odd number of backslashes right before src[pos] (as mdit_py_plugins.dollarmath)."""
    count = 0
    while pos > 0 and src[pos - 1] == "\\":
        count += 1
        pos -= 1
    return count % 2 == 1


def _math_at(src: str, pos: int) -> tuple[int, str, bool] | None:
    """The dollarmath inline rule (no space inside the dollars, no digit outside them, $$ allowed
    inline) at src[pos] == '$': (end, content, display) or None."""
    n = len(src)
    if pos + 1 >= n or src[pos + 1] in _WS:
        return None
    if src[pos - 1].isdigit():  # pos 0 reads src[-1], as the plugin does
        return None
    if _escaped(src, pos):
        return None
    double = src[pos + 1] == "$"
    search = pos + 2 if double else pos + 1
    while True:
        end = src.find("$", search)
        if end < 0:
            return None
        if _escaped(src, end):
            search = end + 1
            continue
        if double:
            if end + 1 >= n:
                return None
            if src[end + 1] != "$":
                search = end + 1
                continue
            end += 1
        break
    if src[end - 1] in _WS:
        return None
    if end + 1 < n and src[end + 1].isdigit():
        return None
    content = src[pos + 2 : end - 1] if double else src[pos + 1 : end]
    if not content:
        return None
    return end + 1, content, double


def _fast_paragraph(text: str) -> str | None:
    """HTML for a single paragraph of plain text and inline math, or None: use the parser."""
    lines = text.split("\n")
    for line in lines:
        if not line.strip() or _BLOCK_START.match(line):
            return None
    src = text.strip()
    out: list[str] = []
    i = 0
    plain_from = 0
    while True:
        i = src.find("$", i)
        if i < 0:
            break
        found = _math_at(src, i)
        if found is None:
            i += 1
            continue
        out.append(_plain(src[plain_from:i]))
        end, content, double = found
        out.append(_math(content, {"display_mode": double}))
        i = plain_from = end
    out.append(_plain(src[plain_from:]))
    if None in out:
        return None
    return "<p>" + "".join(out) + "</p>"


def _plain(segment: str) -> str | None:
    if _NOT_PLAIN.search(segment):
        return None
    if "\n" in segment:
        parts = segment.split("\n")
        for k, part in enumerate(parts[:-1]):
            if part.endswith("  "):
                return None  # a hard line break
            parts[k] = part[:-1] if part.endswith(" ") else part
        segment = "\n".join(p.lstrip(" ") if k else p for k, p in enumerate(parts))
    return escape(segment).replace('"', "&quot;")


def markdown_to_html(text: str) -> str:
    """HTML for one field; '' for empty text."""
    text = text.strip("\n")
    if not text.strip():
        return ""
    fast = _fast_paragraph(text)
    if fast is not None:
        return fast
    return _parser().render(text).strip()


def code_block(code: str, language: str = "python") -> str:
    return f'<pre><code class="language-{language}">{escape(code.strip(chr(10)))}</code></pre>'
