"""The bundled decks as shipped: they validate, and their answers agree with their checkers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flashdeck.content.formula import check_answer, parse_formula
from flashdeck.content.loader import deck_files, load_decks
from flashdeck.domain.keypoints import coverage
from flashdeck.paths import bundled_decks_dir

RESULT = load_decks(deck_files(bundled_decks_dir()))
CARDS = [(deck.id, card) for deck in RESULT.decks for card in deck.cards]


def test_flashdeck_decks_validate_passes_on_the_bundled_decks(tmp_path):
    done = subprocess.run([sys.executable, "-m", "flashdeck", "--home", str(tmp_path), "decks", "validate"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert RESULT.problems == ()


@pytest.mark.parametrize(("deck", "card"), [c for c in CARDS if c[1].kind == "math"],
                         ids=lambda v: getattr(v, "card_id", v))
def test_math_answer_parses_and_accepts_itself(deck, card):
    names = [name for name, _ in card.variables]
    parse_formula(card.answer, names)
    assert check_answer(card.answer, card.answer, names).ok


@pytest.mark.parametrize(("deck", "card"), [c for c in CARDS if c[1].key_points],
                         ids=lambda v: getattr(v, "card_id", v))
def test_the_model_answer_covers_its_own_key_points(deck, card):
    """Otherwise the self-grading hint would mark the reference answer itself as missing a point."""
    missed = [p.phrasings for p in coverage(card.key_points, f"{card.back}\n{card.explanation}") if not p.covered]
    assert missed == []
