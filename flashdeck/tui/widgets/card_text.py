"""Card text for the terminal: Markdown with its LaTeX turned into readable Unicode.

Drawn by Rich's Markdown inside one Static rather than Textual's Markdown widget: the
widget mounts a child per block, which made every grade spend ~50 ms on layout; one
Static redraws in a few milliseconds and still highlights code blocks.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.widgets import Static

from flashdeck.render.latex import render_markdown_math


def card_markdown(text: str) -> str:
    return render_markdown_math(text)


class CardText(Static):
    """A block of card Markdown (front, back, explanation)."""

    source: str = ""  # the Markdown shown, LaTeX already turned into Unicode

    def show(self, text: str) -> None:
        self.source = card_markdown(text)
        dark = getattr(self.app, "current_theme", None) is None or self.app.current_theme.dark
        self.update(Markdown(self.source, code_theme="monokai" if dark else "default",
                             inline_code_lexer="python", hyperlinks=False))
