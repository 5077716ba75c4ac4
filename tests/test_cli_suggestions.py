"""Unknown ids, as a learner mistypes them, in the real CLI (a subprocess with a temp --home):
one line on stderr with "did you mean", exit 2, no traceback; in deck files, file:line."""

from __future__ import annotations


import pytest

from test_cli import flashdeck



def usage_error(result) -> str:
    """The one line of a usage error."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    return line


@pytest.mark.parametrize("args", [
    ["review", "--deck", "alpah"],
    ["review", "--deck", "alpah", "--cram"],
    ["review", "--deck", "alpha", "--deck", "alpah", "--topics", "transformer.attention"],
    ["export", "anki", "out.apkg", "--deck", "alpah"],
])
def test_a_misspelled_deck_gets_a_suggestion(home, tmp_path, args):
    args = [str(tmp_path / a) if a.endswith(".apkg") else a for a in args]
    assert usage_error(flashdeck(*args, home=home)) == "Error: unknown deck 'alpah' — did you mean 'alpha'?"
    assert not (tmp_path / "out.apkg").exists()


def test_the_bundled_decks_are_suggested_too(home):
    line = usage_error(flashdeck("review", "--deck", "transfomer", home=home))
    assert line == "Error: unknown deck 'transfomer' — did you mean 'transformer'?"


@pytest.mark.parametrize("args", [
    ["review", "--topics", "transfomer.atention"],
    ["review", "--cram", "--topics", "transformer.attention,transfomer.atention"],
    ["mock", "--topics", "transfomer.atention"],
    ["export", "anki", "out.apkg", "--topics", "transfomer.atention"],
])
def test_a_misspelled_topic_gets_a_suggestion(home, tmp_path, args):
    args = [str(tmp_path / a) if a.endswith(".apkg") else a for a in args]
    line = usage_error(flashdeck(*args, home=home))
    assert line == "Error: unknown topic 'transfomer.atention' — did you mean 'transformer.attention'?"


def test_export_suggests_a_track(home, tmp_path):
    line = usage_error(flashdeck("export", "anki", str(tmp_path / "x.apkg"), "--topics", "transfomer", home=home))
    assert line == "Error: unknown topic 'transfomer' — did you mean 'transformer'?"


@pytest.mark.parametrize("args", [
    ["drill", "show", "softmx"],
    ["drill", "check", "softmx", "attempt.py"],
    ["drill", "start", "softmx"],
])
def test_a_misspelled_drill_gets_a_suggestion(home, args):
    line = usage_error(flashdeck(*args, home=home))
    assert line.endswith("unknown drill 'softmx' — did you mean 'softmax'?")


def test_a_misspelled_topic_in_a_deck_file_names_the_file_and_line(home, tmp_path):
    deck = tmp_path / "typo.yaml"
    deck.write_text("id: typo\ntitle: Typo\ndescription: x\ncards:\n  - id: c\n    kind: concept\n"
                    "    topics: [transfomer.attention]\n    front: q\n    back: a\n")
    result = flashdeck("decks", "validate", str(deck), home=home)
    assert result.returncode == 1 and "Traceback" not in result.stderr  # a problem report, not a usage error
    assert result.stdout.splitlines() == [
        f"{deck}:7: card 'c': unknown topic 'transfomer.attention' — did you mean 'transformer.attention'?"]
