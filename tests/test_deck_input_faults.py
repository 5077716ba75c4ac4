"""Issue 13, deck files: one clear `file:line: message` for every bad input, never a traceback.

A bad byte names its own line; `decks validate` sees a deck id clash the sync would report; a
bad card is left out (and named) while the rest of its file loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from flashdeck.content.loader import load_deck_file
from flashdeck.paths import bundled_decks_dir
from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow
from test_cli import flashdeck

HEAD = "id: mine\ntitle: Mine\ndescription: x\ncards:\n"


def card(card_id: str, back: str = "a", topics: str = "[mlops]") -> str:
    return f"  - id: {card_id}\n    kind: concept\n    topics: {topics}\n    front: q {card_id}\n    back: {back}\n"


def clean(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


# -- a byte that is not UTF-8 -----------------------------------------------------------------

@pytest.mark.parametrize("line", [2, 7])
def test_a_bad_byte_is_reported_at_its_own_line(home, tmp_path, line):
    lines = (HEAD + card("c1")).encode().splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(b"\n", b" caf\xe9\n")  # Latin-1, as an old editor saves it
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"".join(lines))
    column = len(lines[line - 1]) - 1  # the byte just before the newline
    expected = f"{bad}:{line}: not UTF-8 text: byte 0xe9 at column {column} (invalid continuation byte); save the file as UTF-8"

    deck, problems = load_deck_file(bad)
    assert deck is None and [str(p) for p in problems] == [expected]

    result = flashdeck("decks", "validate", str(bad), home=home)
    clean(result)
    assert result.returncode == 1 and result.stdout.splitlines() == [expected]

    installed = home / "decks" / "latin1.yaml"
    installed.write_bytes(bad.read_bytes())
    listed = flashdeck("decks", "list", "--json", home=home)
    clean(listed)
    assert listed.returncode == 0
    assert f"warning: {installed}:{line}: not UTF-8 text: byte 0xe9" in listed.stderr
    assert "alpha" in {row["id"] for row in json.loads(listed.stdout)}


def test_the_column_counts_characters_not_bytes(tmp_path):
    bad = tmp_path / "d.yaml"
    bad.write_bytes(b"id: d\ntitle: \xc3\xa9t\xc3\xa9 \xff\n")
    _, problems = load_deck_file(bad)
    assert [(p.line, p.message) for p in problems] == [
        (2, "not UTF-8 text: byte 0xff at column 12 (invalid start byte); save the file as UTF-8")]


# -- deck ids that clash with an installed deck ----------------------------------------------

def test_validate_reports_a_clash_with_a_bundled_deck_id(home, tmp_path):
    bundled = bundled_decks_dir() / "math.yaml"
    assert "id: math\n" in bundled.read_text()
    mine = tmp_path / "my-math.yaml"
    mine.write_text("id: math\ntitle: My math\ndescription: x\ncards:\n" + card("m1"))
    result = flashdeck("decks", "validate", str(mine), home=home)
    clean(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{mine}:1: deck id 'math' is already used by {bundled.resolve()} "
        f"(a bundled deck: only a deck in {(home / 'decks').resolve()} replaces it)"]
    assert "1 problem(s) in 1 of 1 file(s)." in result.stderr


def test_validate_reports_a_clash_with_a_user_deck_id(home, tmp_path):
    first = home / "decks" / "alpha.yaml"  # the fixture deck alpha
    second = home / "decks" / "zz-alpha.yaml"
    second.write_text("id: alpha\ntitle: Another alpha\ndescription: x\ncards:\n" + card("z1"))
    result = flashdeck("decks", "validate", str(second), home=home)
    clean(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{second}:1: deck id 'alpha' is already used by {first.resolve()}"]
    # the sync says the same of the same file
    listed = flashdeck("decks", "list", home=home)
    assert f"warning: {second}:1: deck id 'alpha' is already used by {first}" in listed.stderr
    # the earlier file is in the clash too, and so is a draft kept anywhere else under another name
    draft = tmp_path / "alpha-draft.yaml"
    draft.write_text(second.read_text())
    for target, other in ((first, second), (draft, first)):
        result = flashdeck("decks", "validate", str(target), home=home)
        clean(result)
        assert result.returncode == 1
        assert result.stdout.splitlines() == [f"{target}:1: deck id 'alpha' is already used by {other.resolve()}"]


def test_validate_accepts_what_the_sync_accepts(home, tmp_path):
    # the learner's copy of a bundled deck replaces it
    copy = home / "decks" / "my-math.yaml"
    copy.write_text((bundled_decks_dir() / "math.yaml").read_text())
    # a file kept elsewhere whose copy (same name, same id) is installed is that deck, not a rival
    source = tmp_path / "alpha.yaml"
    source.write_text((home / "decks" / "alpha.yaml").read_text())
    source_of_copy = tmp_path / "my-math.yaml"
    source_of_copy.write_text(copy.read_text())
    for target in (copy, source, source_of_copy):
        result = flashdeck("decks", "validate", str(target), home=home)
        clean(result)
        assert (result.returncode, result.stdout) == (0, ""), (target, result.stdout)
    everything = flashdeck("decks", "validate", home=home)
    assert (everything.returncode, everything.stdout) == (0, ""), everything.stdout


# -- a bad card among good ones ---------------------------------------------------------------

THREE = HEAD + card("c1") + card("c2", topics="[no.such]") + card("c3")  # c2 starts at line 10, its topics on 12


def test_a_bad_card_is_left_out_and_the_rest_load(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(THREE)
    deck, problems = load_deck_file(path)
    assert [(c.card_id, c.line) for c in deck.cards] == [("c1", 5), ("c3", 15)]
    assert [str(p) for p in problems] == [f"{path}:12: card 'c2': unknown topic 'no.such'"]
    assert problems[0].card_id == "c2"


def test_a_card_that_is_not_a_mapping_names_its_own_line(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(HEAD + card("c1") + "  - just some text\n" + card("c3"))
    deck, problems = load_deck_file(path)
    assert [c.card_id for c in deck.cards] == ["c1", "c3"]
    assert [str(p) for p in problems] == [
        f"{path}:10: card #2 must be a mapping (id, kind, topics, front, back, ...)"]
    assert problems[0].card_id is None


def test_a_deck_level_problem_still_rejects_the_file(tmp_path):
    for text, line, message in (
        (THREE.replace("id: mine\n", ""), 1, "deck is missing 'id'"),
        (THREE.replace("title: Mine\n", "title: [Mine\n"), 3, "YAML syntax:"),
        (THREE.replace("description: x\n", "description: x\nauthor: me\n"), 4, "unknown deck key 'author'"),
    ):
        path = tmp_path / "mine.yaml"
        path.write_text(text)
        deck, problems = load_deck_file(path)
        assert deck is None, text
        assert str(problems[0]).startswith(f"{path}:{line}: {message}"), problems


def test_decks_list_loads_the_good_cards_and_warns_every_time(home):
    path = home / "decks" / "mine.yaml"
    path.write_text(THREE)
    warning = f"warning: {path}:12: card 'c2': unknown topic 'no.such'"
    for _ in range(2):  # the file is read again until it is fixed, so the warning stays
        listed = flashdeck("decks", "list", "--json", home=home)
        clean(listed)
        assert listed.returncode == 0
        assert listed.stderr.splitlines() == [warning]
        assert {row["id"]: row["cards"] for row in json.loads(listed.stdout)}["mine"] == 2
    path.write_text(THREE.replace("[no.such]", "[mlops]"))
    fixed = flashdeck("decks", "list", "--json", home=home)
    assert fixed.returncode == 0 and fixed.stderr == ""
    assert {row["id"]: row["cards"] for row in json.loads(fixed.stdout)}["mine"] == 3


def test_validate_still_calls_a_bad_card_an_error(home, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(THREE)
    result = flashdeck("decks", "validate", str(path), home=home)
    clean(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}:12: card 'c2': unknown topic 'no.such'"]


def test_a_card_broken_by_an_edit_stays_as_it_was(ctx, decks_dir):
    """Its history and its last good text stay: only the file's good cards take the edit."""
    StudySession(ctx, ["beta"]).grade(5)  # b1 has a review
    path = decks_dir / "beta.yaml"
    text = path.read_text()
    broken = (text.replace("The optimizer states.", "Optimizer states.")  # b1: a good edit
                  .replace("Gradient sharding.", "Gradients.")
                  .replace("    front: What does ZeRO stage 2 add?\n", ""))  # b2: no front now
    path.write_text(broken)
    report = decks.sync(ctx)
    assert [str(p) for p in report.problems] == [f"{path}:10: card 'b2' is missing 'front'"]
    assert (report.updated, report.retired) == (1, 0)
    with ctx.db.read() as s:
        rows = {r.card_id: r for r in s.scalars(select(CardRow).where(CardRow.deck_id == "beta"))}
        assert (rows["b1"].back, rows["b1"].retired) == ("Optimizer states.", False)
        assert (rows["b2"].back, rows["b2"].front, rows["b2"].retired) == ("Gradient sharding.", "What does ZeRO stage 2 add?", False)
        assert rows["b2"].line == 10
    assert [(d.id, d.cards) for d in decks.summaries(ctx) if d.id == "beta"] == [("beta", 2)]
    again = decks.sync(ctx)  # still broken: said again, nothing written
    assert [str(p) for p in again.problems] == [str(p) for p in report.problems]
    assert (again.added, again.updated, again.retired) == (0, 0, 0)
    path.write_text(broken.replace("    back: Gradients.\n", "    front: What does ZeRO stage 2 add?\n    back: Gradients.\n"))
    fixed = decks.sync(ctx)
    assert fixed.problems == [] and fixed.updated == 1
    with ctx.db.read() as s:
        assert s.scalar(select(CardRow.back).where(CardRow.key == "beta/b2")) == "Gradients."
    assert decks.sync(ctx).parsed_files == 0  # fixed: back to not even parsing it


def test_a_new_bad_card_is_simply_not_there(ctx, decks_dir):
    path = decks_dir / "beta.yaml"
    path.write_text(path.read_text() + card("b3", topics="[no.such]"))
    report = decks.sync(ctx)
    assert [p.message for p in report.problems] == ["card 'b3': unknown topic 'no.such'"]
    assert report.added == 0
    assert [(d.id, d.cards) for d in decks.summaries(ctx) if d.id == "beta"] == [("beta", 2)]


def test_the_bundled_decks_sync_without_a_warning(tmp_path):
    listed = flashdeck("decks", "list", home=tmp_path / "fresh")
    clean(listed)
    assert listed.returncode == 0 and listed.stderr == "", listed.stderr
    assert len(listed.stdout.splitlines()) > len(list(Path(bundled_decks_dir()).glob("*.yaml")))
