"""The bundled concept cards follow the minimum information principle (issue 17).

One grade records one thing: a front that asks two questions is scheduled by its weakest part,
so the learner re-reads the parts they know. The rules are stated here so that a deck author can
run them by eye:

- a concept front is *multi-question* when it has more than one "?", or joins a second question
  with ", and how / why / what / when / which / where / does / is / are / do";
- a back's length is its number of whitespace-separated tokens (Markdown and LaTeX included:
  `$\\sqrt{d_k}$` is one token), measured on concept cards only; math backs hold a derivation and
  scenario backs a model answer, so their length is not the point.

Targets: at most a quarter of the concept fronts are multi-question, in every deck file as well
as overall (a compound question is allowed where its parts cannot be recalled separately; the
explanation then says so), and the median concept back is at most 60 tokens.
"""

from __future__ import annotations

import re
import statistics
from functools import cache

import pytest

from flashdeck.content.loader import deck_files, load_decks
from flashdeck.domain.cards import Card
from flashdeck.paths import bundled_decks_dir

MAX_MULTI_SHARE = 0.25
MAX_MEDIAN_BACK_WORDS = 60
SECOND_QUESTION = re.compile(r",? and (how|why|what|when|which|where|does|is|are|do)\b", re.IGNORECASE)


def is_multi_question(front: str) -> bool:
    return front.count("?") > 1 or SECOND_QUESTION.search(front) is not None


def back_words(back: str) -> int:
    return len(back.split())


@cache
def concept_cards_by_deck() -> dict[str, list[Card]]:
    """Deck id -> its concept cards, for every bundled deck that has any."""
    result = load_decks(deck_files(bundled_decks_dir()))
    assert result.problems == ()
    decks = {deck.id: [c for c in deck.cards if c.kind == "concept"] for deck in result.decks}
    return {deck_id: cards for deck_id, cards in decks.items() if cards}


# -- the rule itself ------------------------------------------------------------------------------


@pytest.mark.parametrize("front", [
    "What is overfitting, how do you detect it, and how do you guard against it?",
    "What does ZeRO-2 shard? How much memory does it save?",
    "What is label smoothing and why does it help calibration?",
])
def test_the_rule_flags_fronts_that_ask_two_things(front):
    assert is_multi_question(front)


@pytest.mark.parametrize("front", [
    "Why does scaled dot-product attention divide the scores by $\\sqrt{d_k}$?",
    "What do precision and recall measure for the positive class?",
    "Which of L1 and L2 regularisation gives sparse weights?",
])
def test_the_rule_passes_fronts_that_ask_one_thing(front):
    assert not is_multi_question(front)


def test_back_length_counts_whitespace_tokens():
    assert back_words("Divide by $\\sqrt{d_k}$ to keep\nthe variance at one.") == 9


# -- the bundled decks ----------------------------------------------------------------------------


def test_at_most_a_quarter_of_concept_fronts_ask_more_than_one_thing():
    decks = concept_cards_by_deck()
    cards = [c for deck in decks.values() for c in deck]
    multi = [f"{c.key}: {c.front.strip().splitlines()[0][:90]}" for c in cards if is_multi_question(c.front)]
    share = len(multi) / len(cards)
    assert share <= MAX_MULTI_SHARE, (f"{share:.0%} of {len(cards)} concept fronts ask more than one thing "
                                      f"(target {MAX_MULTI_SHARE:.0%}):\n" + "\n".join(multi))


@pytest.mark.parametrize("deck_id", sorted(concept_cards_by_deck()))
def test_no_deck_file_has_more_than_a_quarter_multi_question_fronts(deck_id):
    cards = concept_cards_by_deck()[deck_id]
    multi = [c.card_id for c in cards if is_multi_question(c.front)]
    assert len(multi) / len(cards) <= MAX_MULTI_SHARE, f"{len(multi)} of {len(cards)}: {multi}"


def test_median_concept_back_is_at_most_60_words():
    lengths = [back_words(c.back) for deck in concept_cards_by_deck().values() for c in deck]
    median = statistics.median(lengths)
    assert median <= MAX_MEDIAN_BACK_WORDS, f"median concept back {median} words (target {MAX_MEDIAN_BACK_WORDS})"
