"""Deck files: good ones load, every problem names file:line, one bad file (or card) stops nothing."""

from __future__ import annotations

from pathlib import Path

from flashdeck.content.loader import load_deck_file, load_decks

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "id: d\ntitle: T\ndescription: x\ncards:\n"


def problems_of(tmp_path, body: str) -> list[str]:
    """The problems of cards under a good deck head: the deck loads, without those cards."""
    path = write(tmp_path, "d.yaml", HEAD + body)
    deck, problems = load_deck_file(path)
    assert deck is not None and not {p.card_id for p in problems} & {c.card_id for c in deck.cards}
    return [str(p).replace(str(path), "d.yaml") for p in problems]


def test_good_deck_loads_with_lines():
    deck, problems = load_deck_file(FIXTURES / "alpha.yaml")
    assert problems == []
    assert deck.id == "alpha" and [c.card_id for c in deck.cards] == ["a1", "a2", "a3", "a4"]
    a1, _, a3, a4 = deck.cards
    assert a1.key == "alpha/a1" and a1.line == 5 and "sqrt{d_k}" in a1.front
    assert a3.answer == "12*d**2" and a3.variables == (("d", "model width"),)
    assert a4.key_points == (("repetition penalty", "frequency penalty"), ("temperature", "top-p"))


def test_unknown_key_names_its_line(tmp_path):
    body = "  - id: c1\n    kind: concept\n    topics: [mlops]\n    front: q\n    back: a\n    hint: nope\n"
    assert problems_of(tmp_path, body) == [
        "d.yaml:10: card 'c1': unknown key 'hint' for a concept card (allowed: back, explanation, front, id, key_points, kind, source, topics)"
    ]


def test_missing_field_duplicate_id_bad_topic_bad_kind(tmp_path):
    body = (
        "  - id: c1\n    kind: concept\n    topics: [mlops]\n    front: q\n"  # no back (line 5)
        "  - id: c1\n    kind: concept\n    topics: [nope.topic]\n    front: q\n    back: a\n"  # line 9
        "  - id: c3\n    kind: essay\n    topics: [mlops]\n    front: q\n    back: a\n"  # line 14
    )
    assert problems_of(tmp_path, body) == [
        "d.yaml:5: card 'c1' is missing 'back'",
        "d.yaml:9: duplicate card id 'c1' (first at line 5)",
        "d.yaml:11: card 'c1': unknown topic 'nope.topic'",
        "d.yaml:15: card 'c3': unknown kind 'essay' (one of concept, math, scenario, drill)",
    ]


def test_math_needs_answer_and_variables_scenario_needs_key_points(tmp_path):
    body = (
        "  - id: m\n    kind: math\n    topics: [mlops]\n    front: q\n    back: a\n"
        "  - id: s\n    kind: scenario\n    topics: [mlops]\n    front: q\n    back: a\n    key_points: [just text]\n"
    )
    assert problems_of(tmp_path, body) == [
        "d.yaml:5: card 'm' is missing 'answer'",
        "d.yaml:5: card 'm' is missing 'variables'",
        "d.yaml:15: card 's': 'key_points' must be a list of points, each a list of phrasings",
    ]


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "bad.yaml", HEAD + "  - id: c1\n    front: [unclosed\n    back: x\n")
    deck, problems = load_deck_file(path)
    assert deck is None and len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:7: YAML syntax:")


def test_duplicate_yaml_key_is_reported(tmp_path):
    body = "  - id: c1\n    kind: concept\n    topics: [mlops]\n    front: q\n    front: again\n    back: a\n"
    assert problems_of(tmp_path, body) == ["d.yaml:9: key 'front' appears twice"]


def test_python_tags_are_refused_not_run(tmp_path):
    marker = tmp_path / "PWNED"
    body = f"  - id: c1\n    kind: concept\n    topics: [mlops]\n    front: !!python/object/apply:os.system ['touch {marker}']\n    back: a\n"
    path = write(tmp_path, "d.yaml", HEAD + body)
    deck, problems = load_deck_file(path)
    assert deck is None and "YAML syntax" in str(problems[0]) and ":8:" in str(problems[0])
    assert not marker.exists()


def test_not_a_mapping_and_empty_file(tmp_path):
    for text in ("- just\n- a list\n", ""):
        deck, problems = load_deck_file(write(tmp_path, "x.yaml", text))
        assert deck is None and str(problems[0]).endswith("x.yaml:1: a deck file must be a mapping with id, title, description and cards")


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = write(tmp_path, "0-bad.yaml", "id: bad\ntitle: [\n")
    result = load_decks([bad, FIXTURES / "alpha.yaml", FIXTURES / "beta.yaml"])
    assert [d.id for d in result.decks] == ["alpha", "beta"]
    assert len(result.problems) == 1 and result.problems[0].path == str(bad)


def test_duplicate_deck_id_across_files(tmp_path):
    copy = write(tmp_path, "copy.yaml", (FIXTURES / "beta.yaml").read_text())
    result = load_decks([FIXTURES / "beta.yaml", copy])
    assert [d.id for d in result.decks] == ["beta"]
    assert str(result.problems[0]) == f"{copy}:1: deck id 'beta' is already used by {FIXTURES / 'beta.yaml'}"


def test_a_users_copy_overrides_a_bundled_deck_with_its_id(tmp_path):
    bundled = FIXTURES / "beta.yaml"
    copy = write(tmp_path, "beta.yaml", bundled.read_text().replace("Gradient sharding.", "Grads."))
    for order in ([bundled, copy], [copy, bundled]):
        result = load_decks(order, overridable={str(bundled)})
        assert result.problems == () and [(d.id, d.path) for d in result.decks] == [("beta", str(copy))]
        assert result.decks[0].cards[1].back == "Grads."


def test_drill_card_must_name_a_drill(tmp_path):
    body = "  - id: dr\n    kind: drill\n    topics: [mlops]\n    front: q\n    back: a\n    drill: nosuch\n"
    path = write(tmp_path, "d.yaml", HEAD + body)
    _, problems = load_deck_file(path, drill_ids={"softmax"})
    assert [str(p) for p in problems] == [f"{path}:10: card 'dr': unknown coding drill 'nosuch'"]
    _, problems = load_deck_file(write(tmp_path, "t.yaml", HEAD + body.replace("nosuch", "sofmax")), drill_ids={"softmax"})
    assert [p.message for p in problems] == ["card 'dr': unknown coding drill 'sofmax' — did you mean 'softmax'?"]
