"""Card text for the terminal: Markdown with its LaTeX turned into readable Unicode.

Drawn by Rich's Markdown inside one Static rather than Textual's Markdown widget: the
widget mounts a child per block, which made every grade spend ~50 ms on layout; one
Static redraws in a few milliseconds and still highlights code blocks.

Text with no Markdown syntax at all (most card fronts) is drawn as the same paragraphs
without the Markdown parser: importing it (markdown-it, Pygments) costs a cold start
~50 ms. tests/test_card_text.py checks that both draw the same cells and styles.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

from flashdeck.render.markdown_math import render_markdown_math

# Anything the parser could read as more than paragraphs: inline markup, escapes, entities,
# HTML, links, tables, and block starts (headings, quotes, lists, rules, indented code).
_INLINE = re.compile(r"[*_`\[\]<>&\\~|\t]|  \n|  $")
_BLOCK = re.compile(r"^(?: {4}| {0,3}(?:[#>]|[-+*](?:\s|$)|\d+[.)](?:\s|$)|[-=_]{2,}))", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def card_markdown(text: str) -> str:
    return render_markdown_math(text)


def plain_paragraphs(source: str) -> Text | None:
    """`source` drawn as Rich's Markdown would draw it, if it is only paragraphs; else None."""
    if _INLINE.search(source) or _BLOCK.search(source):
        return None
    paragraphs = [" ".join(line.strip() for line in block.splitlines())
                  for block in _BLANK_LINES.split(source.strip())]
    return Text("\n\n".join(paragraphs), justify="left", end="")


class CardText(Static):
    """A block of card Markdown (front, back, explanation)."""

    source: str = ""  # the Markdown shown, LaTeX already turned into Unicode

    def show(self, text: str) -> None:
        self.source = card_markdown(text)
        plain = plain_paragraphs(self.source)
        if plain is not None:
            self.update(plain)
            return
        from rich.markdown import Markdown  # lazy: markdown-it and pygments only for a card that is not plain paragraphs

        dark = getattr(self.app, "current_theme", None) is None or self.app.current_theme.dark
        self.update(Markdown(self.source, code_theme="monokai" if dark else "default",
                             inline_code_lexer="python", hyperlinks=False))
