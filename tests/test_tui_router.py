"""The router (tui.navigation) and the typed start value (tui.places.Start)."""

from __future__ import annotations

import pytest

from flashdeck.tui import navigation
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.places import PLACES, Place, Start


def test_the_cli_start_strings_become_typed_starts():
    assert Start.of("home") == Start() == Start(Place.HOME)
    assert Start.of("review") == Start(Place.REVIEW)
    assert Start.of("mock") == Start(Place.MOCK)
    assert Start.of("drill:softmax") == Start(Place.DRILL, "softmax")
    assert Start.of(Start(Place.STATS)) == Start(Place.STATS)
    with pytest.raises(ValueError):
        Start.of("nowhere")
    with pytest.raises(ValueError):
        Start(Place.DRILL)  # which drill?
    with pytest.raises(ValueError):
        Start(Place.HOME, "softmax")


def test_every_place_has_one_opener_and_the_palette_names_each_once():
    assert set(navigation._OPENERS) == set(Place)
    names = [p.name for p in PLACES]
    assert len(names) == len(set(names)) and set(names) == set(Place) - {Place.DRILL}


async def test_a_typed_start_elsewhere_opens_over_home(ctx):
    app = FlashdeckApp(ctx, start=Start(Place.SETTINGS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["HomeScreen", "SettingsScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
