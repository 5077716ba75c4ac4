"""Card text for the terminal: Markdown with its LaTeX turned into readable Unicode."""

from __future__ import annotations

from flashdeck.render.latex import render_markdown_math


def card_markdown(text: str) -> str:
    return render_markdown_math(text)
