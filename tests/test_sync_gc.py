"""The sync pauses the cyclic garbage collector while it reads and writes decks (a 100,000-card
first sync spent 0.45 s in its heap scans), and always leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from flashdeck.services import decks
from flashdeck.store import sync as sync_store


@pytest.fixture
def gc_state():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_sync_runs_without_the_cyclic_gc_and_restores_it(make_ctx, monkeypatch, gc_state):
    seen = []
    real = sync_store.sync_deck
    monkeypatch.setattr(sync_store, "sync_deck", lambda *args, **kwargs: seen.append(gc.isenabled()) or real(*args, **kwargs))
    gc.enable()
    report = decks.sync(make_ctx())
    assert report.added == 6 and seen and not any(seen)
    assert gc.isenabled()


def test_a_failed_sync_restores_the_gc(make_ctx, monkeypatch, gc_state):
    def broken(*args, **kwargs):
        assert not gc.isenabled()
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sync_store, "sync_deck", broken)
    gc.enable()
    with pytest.raises(RuntimeError, match="disk on fire"):
        decks.sync(make_ctx())
    assert gc.isenabled()


def test_a_gc_already_off_stays_off(make_ctx, gc_state):
    gc.disable()
    assert decks.sync(make_ctx()).added == 6
    assert not gc.isenabled()
