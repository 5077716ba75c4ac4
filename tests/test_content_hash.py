"""A card's content hash is the SHA-256 of its fields as json.dumps(sort_keys=True) writes
them: the hashes every database already holds. The sync spells that text out for speed
(issue 21); it must be the same text for every card, or every card would look edited."""

from __future__ import annotations

import hashlib
import json

import pytest

from flashdeck import paths
from flashdeck.content.loader import deck_files, load_deck_file
from flashdeck.store.convert import card_fields
from flashdeck.store.sync import content_hash


def json_hash(fields: dict) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def test_every_bundled_card_hashes_as_its_json():
    cards = [card for path in deck_files(paths.bundled_decks_dir()) for card in load_deck_file(path)[0].cards]
    assert len(cards) > 500 and {card.kind for card in cards} == {"concept", "math", "scenario"}
    for card in cards:
        assert content_hash(card_fields(card)) == json_hash(card_fields(card)), card.key


BASE = {"back": "b", "explanation": "", "extra": {}, "front": "f", "kind": "concept", "source": "", "topics": ["t"]}


@pytest.mark.parametrize("fields", [
    {**BASE, "back": 'quotes " and \\ backslash, \u2028 line sep, \x00 nul, \t tab, é, 😀'},
    {**BASE, "extra": {"variables": [["x", "input é"]], "answer": "2*x", "key_points": [["a", "b"]]}},
    {**BASE, "topics": []},
    {**BASE, "topics": ["a", 2]},  # not the loader's shape: the long way, the same text
    {**BASE, "front": None},
    {**BASE, "extra": []},
    {key: value for key, value in BASE.items() if key != "source"},
    {**BASE, "more": "x"},
])
def test_odd_fields_hash_as_their_json(fields):
    assert content_hash(fields) == json_hash(fields)
