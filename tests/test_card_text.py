"""Plain card text is drawn without the Markdown parser, and must look exactly as if parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rich.console import Console
from rich.markdown import Markdown

from flashdeck.tui.widgets.card_text import card_markdown, plain_paragraphs

DECKS = Path(__file__).resolve().parents[1] / "decks"


def _cells(renderable, width: int) -> list[list[tuple[str, str]]]:
    """Each line as (character, style) cells, unstyled blanks at the end dropped (a terminal
    shows them the same either way)."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    drawn = []
    for line in lines:
        cells = [(ch, str(seg.style or "")) for seg in line for ch in seg.text]
        while cells and cells[-1] == (" ", ""):
            cells.pop()
        drawn.append(cells)
    while drawn and not drawn[-1]:
        drawn.pop()
    return drawn


def _bundled_texts() -> list[str]:
    texts = []
    for path in sorted(DECKS.glob("*.yaml")):
        for card in yaml.safe_load(path.read_text(encoding="utf-8"))["cards"]:
            texts += [card[field] for field in ("front", "back", "explanation") if card.get(field)]
    return texts


HAND_MADE = [
    "One line.",
    "A paragraph\nwrapped over\nthree lines.",
    "First paragraph.\n\nSecond one,\nwith a soft break.\n\n\n  Third, indented by two.",
    "Why divide by √dₖ? Because q·k has variance dₖ when q, k have unit-variance entries.",
    "self-attention vs cross-attention: what differs (keys, values, queries)?",
    "  leading and trailing space ",
    "Σᵢ pᵢ log pᵢ ≥ 0? 50% of 2 = 1! Right: (a) or (b).",
]


@pytest.mark.parametrize("text", HAND_MADE)
@pytest.mark.parametrize("width", [20, 80])
def test_plain_text_draws_like_markdown(text, width):
    plain = plain_paragraphs(text)
    assert plain is not None, text
    assert _cells(plain, width) == _cells(Markdown(text), width)


def test_every_plain_bundled_text_draws_like_markdown():
    texts = [card_markdown(t) for t in _bundled_texts()]
    plain = [(t, plain_paragraphs(t)) for t in texts]
    taken = [(t, p) for t, p in plain if p is not None]
    assert len(taken) > 200, "most card texts are plain paragraphs; the fast path should take them"
    for text, drawn in taken:
        for width in (38, 100):
            assert _cells(drawn, width) == _cells(Markdown(text), width), text


@pytest.mark.parametrize("text", [
    "**bold**", "*em*", "_em_", "`code`", "a\\*b", "[link](http://x)", "<b>html</b>", "a &amp; b",
    "# Heading", "> quote", "- item", "* item", "+ item", "1. item", "2) item", "---", "===",
    "    indented code", "| a | b |", "line with hard break  \nnext", "~~gone~~", "tab\there",
    "para\n\n- list after a paragraph", "text\n---",
])
def test_markdown_syntax_goes_to_the_parser(text):
    assert plain_paragraphs(text) is None
