"""The one 'did you mean' wording for unknown ids (flashdeck.domain.suggest)."""

from __future__ import annotations

from flashdeck.domain.suggest import close_ids, did_you_mean, unknown_id, unknown_ids
from flashdeck.domain.topics import TOPICS

DECKS = ["alpha", "classic_ml", "deep_learning", "transformer", "transformers_extra"]


def test_a_typo_gets_the_closest_id_only():
    assert unknown_id("deck", "transfomer", DECKS) == "unknown deck 'transfomer' — did you mean 'transformer'?"
    assert close_ids("transfomer.atention", TOPICS) == ["transformer.attention"]  # not every transformer.* id
    assert close_ids("systems.infer", TOPICS) == ["systems.inference"]


def test_a_prefix_gets_every_id_it_starts():
    assert close_ids("llm", TOPICS) == [t for t in TOPICS if t.startswith("llm.")]
    assert did_you_mean("transformer.po", TOPICS) == "did you mean 'transformer.position'?"
    assert did_you_mean("ml.", ["ml.rl", "ml.metrics"]) == "did you mean 'ml.rl' or 'ml.metrics'?"
    assert did_you_mean("t", ["transformer", "tokens"]) == ""  # one letter is no prefix to go by


def test_nothing_close_lists_the_known_ids_or_says_only_what_is_unknown():
    assert close_ids("zzz", TOPICS) == []
    assert unknown_id("deck", "zzz", ["alpha", "beta"]) == "unknown deck 'zzz' (known: alpha, beta)"
    assert unknown_id("deck", "zzz", []) == "unknown deck 'zzz' (known: none)"
    assert unknown_id("topic", "zzz", TOPICS, list_known=False) == "unknown topic 'zzz'"


def test_several_unknown_ids_stay_one_line():
    message = unknown_ids("deck", ["alpah", "zzz", "alpah"], ["alpha", "beta"])
    assert message == "unknown deck 'alpah' — did you mean 'alpha'?; unknown deck 'zzz' (known: alpha, beta)"
    assert "\n" not in message
