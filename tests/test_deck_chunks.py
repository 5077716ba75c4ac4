"""A start after editing a big deck file parses only the cards whose text changed (issue 21).

The proof is differential: every edit below is synced twice from the same history, once with
the chunk path and once parsing the whole file, and the two databases must hold the same
cards (content, order, lines, digests) and report the same problems at the same lines."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from flashdeck.content import deck_chunks
from flashdeck.content.loader import load_deck_file, load_deck_layout
from flashdeck.services import decks
from flashdeck.store.models import CardRow, CardStateRow

CARDS = 300


def card_text(c: int, back: str | None = None) -> str:
    if c % 10 == 3:  # a math card: a block scalar, variables
        return (f"  - id: m{c}\n    kind: math\n    topics: [math.linalg]\n"
                f"    front: |\n      What is d/dx of x^{c}?\n\n      (a blank line inside)\n"
                f"    back: {back or f'{c} x^{c - 1}'}\n    answer: \"{c}*x**{c - 1}\"\n    variables: {{x: input}}\n")
    if c % 10 == 7:  # a scenario card: key points, a comment inside
        return (f"  - id: s{c}\n    kind: scenario\n    topics: [transformer.attention]\n"
                f"    # why this one\n    front: \"Scenario {c}: the loss spikes.\"\n"
                f"    back: >\n      {back or f'Look at the learning rate {c}.'}\n"
                f"    key_points:\n      - [learning rate, lr]\n      - [warmup]\n")
    return (f"  - id: c{c}\n    kind: concept\n    topics: [transformer.attention]\n"
            f"    front: 'Question {c}: why divide by sqrt(d_k)?'\n    back: \"{back or f'Answer {c}.'}\"\n")


def deck_text(cards=None, header="id: big\ntitle: Big deck\ndescription: generated\n") -> str:
    cards = list(range(CARDS)) if cards is None else cards
    return header + "cards:\n" + "".join(card_text(c) if isinstance(c, int) else c for c in cards)


def rows(ctx) -> list[tuple]:
    with ctx.db.read() as s:
        return [tuple(r) for r in s.execute(
            select(CardRow.card_id, CardRow.kind, CardRow.front, CardRow.back, CardRow.extra, CardRow.content_hash,
                   CardRow.position, CardRow.line, CardRow.retired, CardRow.chunk_digest, CardRow.chunk_line,
                   CardStateRow.repetitions)
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
            .where(CardRow.deck_id == "big").order_by(CardRow.card_id))]


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


BASE = deck_text()
EDITS = {
    "one card's back": _replace(BASE, "Answer 150.", "Answer 150, edited."),
    "a line added inside a card moves every card after it": _replace(BASE, "    back: \"Answer 12.\"\n",
                                                                      "    # a note\n    back: \"Answer 12.\"\n"),
    "a card added in the middle": _replace(BASE, "  - id: c150\n", card_text(1000) + "  - id: c150\n"),
    "a card deleted": _replace(BASE, card_text(151), ""),
    "two cards swapped": _replace(BASE, card_text(20) + card_text(21), card_text(21) + card_text(20)),
    "the last card edited, no newline at the end": BASE[:-1].replace("Answer 299.", "Answer 299!"),
    "keys reordered in one card (same content)": _replace(
        BASE, "    front: 'Question 40: why divide by sqrt(d_k)?'\n    back: \"Answer 40.\"\n",
        "    back: \"Answer 40.\"\n    front: 'Question 40: why divide by sqrt(d_k)?'\n"),
    "a comment between cards": _replace(BASE, "  - id: c60\n", "  # --- part two ---\n  - id: c60\n"),
    "a card pasted twice": _replace(BASE, "  - id: c90\n", card_text(80) + "  - id: c90\n"),
    "a bad kind in one card": _replace(BASE, "  - id: c200\n    kind: concept\n", "  - id: c200\n    kind: flashcard\n"),
    "a YAML syntax error in one card": _replace(BASE, "back: \"Answer 210.\"", "back: \"Answer 210."),
    "a quoted scalar that runs onto an item line": _replace(
        BASE, "    back: \"Answer 220.\"\n", "    back: \"Answer 220\n  - and more.\"\n"),
    "the deck title": _replace(BASE, "title: Big deck", "title: Bigger deck"),
    "a drill card with an unknown drill": _replace(
        BASE, "  - id: c230\n", "  - id: d230\n    kind: drill\n    topics: [transformer.attention]\n"
                                "    front: Write it\n    back: See the drill\n    drill: no_such_drill\n  - id: c230\n"),
    "a drill card with a real drill": _replace(
        BASE, "  - id: c230\n", "  - id: d230\n    kind: drill\n    topics: [transformer.attention]\n"
                                "    front: Write it\n    back: See the drill\n    drill: attention\n  - id: c230\n"),
    "every card re-indented": BASE.replace("\n  ", "\n    "),
    "cards moved to the top level's indent": BASE.replace("\n  ", "\n"),
    "a key after the cards list": BASE + "extra: 1\n",
    "nothing but the file's last comment": BASE + "# the end\n",
}


@pytest.fixture
def synced(make_ctx, tmp_path):
    """A home whose big deck was synced, with progress on some cards, and a copy of it."""
    home = tmp_path / "a"
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "big.yaml").write_text(BASE)
    ctx = make_ctx(home)
    assert decks.sync(ctx).problems == []
    with ctx.db.write() as s:
        for state in s.scalars(select(CardStateRow).where(CardStateRow.card_id % 5 == 0)):
            state.repetitions = 2
    ctx.db.close()
    return home


def sync_both(make_ctx, tmp_path, home, text):
    """The edit synced from the same database twice: by chunks, then (the database put back) whole."""
    saved = tmp_path / "saved"
    saved.mkdir()
    for file in home.glob("flashdeck.sqlite3*"):
        shutil.copy2(file, saved / file.name)
    (home / "decks" / "big.yaml").write_text(text)
    results = []
    for incremental in (True, False):
        for file in home.glob("flashdeck.sqlite3*"):
            file.unlink()
        for file in saved.iterdir():
            shutil.copy2(file, home / file.name)
        ctx = make_ctx(home)
        report = decks._sync(ctx, incremental=incremental)
        results.append((report, rows(ctx)))
        ctx.db.close()
    return results


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_syncs_as_a_whole_parse_would(make_ctx, tmp_path, synced, edit):
    (chunked, chunked_rows), (whole, whole_rows) = sync_both(make_ctx, tmp_path, synced, EDITS[edit])
    assert [(p.line, p.message, p.card_id) for p in chunked.problems] == [(p.line, p.message, p.card_id) for p in whole.problems]
    assert (chunked.added, chunked.updated, chunked.retired) == (whole.added, whole.updated, whole.retired)
    assert chunked_rows == whole_rows
    assert sum(row[-1] for row in chunked_rows) >= CARDS // 5 - 1  # the progress stayed
    assert whole.parsed_cards >= CARDS - 1 or edit in FILE_BROKEN
    if edit in PARSED_ALONE:  # the chunk path was taken: only the changed cards were parsed
        assert chunked.parsed_cards == PARSED_ALONE[edit]
    else:
        assert chunked.parsed_cards == whole.parsed_cards


FILE_BROKEN = {"a YAML syntax error in one card", "a key after the cards list"}  # no deck loads
PARSED_ALONE = {"one card's back": 1, "a line added inside a card moves every card after it": 1,
                "a card added in the middle": 1, "a card deleted": 0, "two cards swapped": 0,
                "the last card edited, no newline at the end": 1, "keys reordered in one card (same content)": 1,
                "a comment between cards": 1, "the deck title": 0, "a drill card with a real drill": 1,
                "nothing but the file's last comment": 1}


def test_the_chunk_path_parses_only_the_changed_card(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(BASE)
    deck, problems, layout = load_deck_layout(path)
    assert problems == [] and len(layout) == len(deck.cards) == CARDS
    assert all(p.digest is not None and not p.kept for p in layout)
    known = {p.digest: p.card_id for p in layout}
    path.write_text(EDITS["a line added inside a card moves every card after it"])
    deck, problems, layout = load_deck_layout(path, known=known)
    assert problems == [] and [card.card_id for card in deck.cards] == ["c12"]
    assert [p.card_id for p in layout if not p.kept] == ["c12"] and len(layout) == CARDS
    whole, _ = load_deck_file(path)
    assert deck.cards[0] == whole.cards[12]  # the same card, at the same line
    by_id = {card.card_id: card.line for card in whole.cards}
    assert all(p.chunk_line <= by_id[p.card_id] for p in layout)


def test_a_syntax_error_names_its_line_on_the_chunk_path(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(BASE)
    _, _, layout = load_deck_layout(path)
    known = {p.digest: p.card_id for p in layout}
    path.write_text(EDITS["a YAML syntax error in one card"])
    chunked = load_deck_layout(path, known=known)
    assert chunked[0] is None and [str(p) for p in chunked[1]] == [str(p) for p in load_deck_file(path)[1]]
    assert "YAML syntax" in str(chunked[1][0])


@pytest.mark.parametrize("text", [
    "id: x\ntitle: t\ncards: [ {id: a} ]\n",  # a flow list
    "id: x\ntitle: t\ncards:\n  - id: a\ntitle2: after\n",  # a key after the list
    "id: x\r\ntitle: t\r\ncards:\r\n  - id: a\r\n",  # CR LF
    "id: x\ntitle: t\ncards:\n  - id: a\n    back: one\u2028two\n",  # a line break only YAML sees
    "cards:\n  - id: a\nid: x\n",  # the list first
    "id: x\ntitle: t\n",  # no list
])
def test_files_of_another_shape_are_not_split(text):
    assert deck_chunks.split(text.encode(), "") is None


def test_a_split_that_does_not_match_the_parse_is_not_aligned(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(EDITS["a quoted scalar that runs onto an item line"])
    chunks = deck_chunks.split(path.read_bytes(), "")
    deck, problems, layout = load_deck_layout(path)
    assert chunks is not None and len(chunks) == CARDS + 1  # the split sees one item too many
    assert problems == [] and len(deck.cards) == CARDS
    assert all(p.digest is None for p in layout)  # so no digest of it is kept


def test_the_known_drills_are_part_of_every_digest():
    text = BASE.encode()
    assert deck_chunks.split(text, deck_chunks.salt({"a"})).digests[0] != \
        deck_chunks.split(text, deck_chunks.salt({"a", "b"})).digests[0]
