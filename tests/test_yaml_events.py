"""The event-built deck (content.yaml_lines) is what PyYAML's full loader builds, marks included."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flashdeck.content import yaml_lines
from flashdeck.content.loader import load_deck_file

REPO = Path(__file__).resolve().parent.parent


def full_load(text: str):
    return yaml.load(text, Loader=yaml_lines._LineLoader)  # noqa: S506 - a SafeLoader subclass


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, yaml_lines.LineDict):
        return (a.line, a.key_lines, a.duplicate_keys, list(a)) == (b.line, b.key_lines, b.duplicate_keys, list(b)) \
            and all(same(a[k], b[k]) for k in a)
    if isinstance(a, yaml_lines.LineList):
        return (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)) and all(map(same, a, b))
    return a == b


ORDINARY = [
    "", "# only a comment\n", "---\n", "just text\n", "- 1\n- two\n- [3, {four: 4}]\n",
    "id: d\ntitle: T\ncards:\n  - id: a\n    kind: concept\n    front: \"q\"\n    back: |\n      b\n\n      c\n",
    "a: 1\nb: 2.5\nc: true\nd: null\ne: ~\nf: 2024-01-31\ng: 0x1f\nh: .inf\ni: ''\nj: 'x'\n1: int key\nnull: k\n",
    "a: 1\na: 2\nb:\n  a: 3\n  a: 4\n",  # duplicates, the last wins, both recorded
    "cards: []\nempty: {}\nflow: {a: [1, 2], b: c}\n",
    "x: &anchor 5\n",  # an anchor no alias uses
]
UNUSUAL = [
    "a: &x 1\nb: *x\n",  # an alias
    "base: &b {k: 1}\nchild:\n  <<: *b\n  j: 2\n",  # a merge key
    "a: !!str 1\n", "a: !!binary aGk=\n", "t: !!set {a, b}\n",  # explicit tags
    "? [1, 2]\n: complex key\n",
    "one: 1\n---\ntwo: 2\n",  # a second document
    "=: value key\n",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_the_event_build_is_the_full_loaders(text):
    assert same(yaml_lines._from_events(yaml_lines._LineLoader(text)), full_load(text))


@pytest.mark.parametrize("text", UNUSUAL)
def test_what_only_the_full_loader_handles_goes_to_it(text):
    with pytest.raises(yaml_lines._Unusual):
        yaml_lines._from_events(yaml_lines._LineLoader(text))
    try:
        expected = full_load(text)
    except yaml.YAMLError as exc:
        with pytest.raises(type(exc)):
            yaml_lines.load_with_lines(text)
    else:
        assert same(yaml_lines.load_with_lines(text), expected)


@pytest.mark.parametrize("path", sorted((REPO / "decks").glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_deck_builds_from_events_as_the_full_loader_builds_it(path):
    text = path.read_text()
    assert same(yaml_lines._from_events(yaml_lines._LineLoader(text)), full_load(text))


@pytest.mark.parametrize("text, line", [
    ("id: d\ncards:\n  - id: a\n    front: \"unclosed\n", 5),
    ("id: d\ncards:\n  - id: a\n   bad: indent\n", 4),
    ("id: d\ncards:\n" + "".join(f"  - id: c{i}\n    kind: concept\n" for i in range(3000)) + "  - id: [\n", 6004),
])
def test_syntax_errors_keep_their_line(tmp_path, text, line):
    with pytest.raises(yaml.YAMLError) as full:
        full_load(text)
    with pytest.raises(yaml.YAMLError) as fast:
        yaml_lines.load_with_lines(text)
    assert fast.value.problem_mark.line == full.value.problem_mark.line
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    deck, problems = load_deck_file(path)
    assert deck is None and [p.line for p in problems] == [line]


STREAMED = [
    "id: d\ntitle: T\ncards:\n  - id: a\n    kind: concept\n  - plain\n  - [1]\n",
    "title: T\ncards:\n  - id: a\n  - id: b\nid: late\n",  # the deck id after its cards
    "id: d\ncards:\n  - &c {id: a}\n  - *c\n",  # an alias: the full loader's document, read after
    "id: d\nnested:\n  cards:\n    - not the deck's\ncards: []\n",
    "- cards\n- [1]\n", "cards: not a list\n",
]


@pytest.mark.parametrize("text", STREAMED)
def test_cards_read_as_they_stream_are_the_cards_read_after_the_parse(text):
    """The reader sees each item of the top-level `cards` list, in order, with its index and line,
    and whatever it returns takes the item's place: the same for both loaders."""
    readers = []

    def new_reader():
        calls = []
        readers.append(calls)

        def read(root, item, index, line):
            calls.append((dict(root).get("id"), index, line, same(item, full_load(text)["cards"][index])))
            return ("read", index)
        return read

    data, _ = yaml_lines.load_reading_cards(text, new_reader)
    calls = readers[-1]
    plain = full_load(text)
    cards = plain.get("cards") if isinstance(plain, dict) else None
    if not isinstance(cards, list):
        assert calls == [] and same(data, plain)
        return
    assert len(readers) == (2 if "*c" in text else 1)  # a reader that saw part of the stream is not the one kept
    assert [(index, line, ok) for _, index, line, ok in calls] == [(i, line, True) for i, line in enumerate(cards.item_lines)]
    assert list(data["cards"]) == [("read", i) for i in range(len(cards))] and data["cards"].item_lines == cards.item_lines
    assert {key: value for key, value in data.items() if key != "cards"} == {k: v for k, v in plain.items() if k != "cards"}


def test_a_deck_whose_id_follows_its_cards_loads_as_one_that_leads(tmp_path):
    body = "  - id: a\n    kind: concept\n    topics: [transformer.attention]\n    front: q\n    back: b\n"
    first, last = tmp_path / "first.yaml", tmp_path / "last.yaml"
    first.write_text("id: d\ntitle: T\ncards:\n" + body)
    last.write_text("title: T\ncards:\n" + body + "id: d\n")
    (deck_a, problems_a), (deck_b, problems_b) = load_deck_file(first), load_deck_file(last)
    assert problems_a == problems_b == [] and deck_a.cards[0].key == deck_b.cards[0].key == "d/a"
