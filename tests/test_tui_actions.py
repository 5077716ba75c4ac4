"""The action registry (flashdeck.tui.actions) is the whole truth about key bindings: every
binding a screen has is in it, with the same key, action and label, and every entry is bound."""

from __future__ import annotations

import importlib

from textual.binding import Binding

from flashdeck.tui import actions

# Named one by one, not walked: a module that fails to import fails this test, loudly.
MODULES = (
    "flashdeck.tui.app",
    "flashdeck.tui.dialogs",
    "flashdeck.tui.drill_editor",
    "flashdeck.tui.screens.browse",
    "flashdeck.tui.screens.cram",
    "flashdeck.tui.screens.drill",
    "flashdeck.tui.screens.export",
    "flashdeck.tui.screens.home",
    "flashdeck.tui.screens.mock",
    "flashdeck.tui.screens.mock_drill",
    "flashdeck.tui.screens.mock_report",
    "flashdeck.tui.screens.mock_review",
    "flashdeck.tui.screens.mock_setup",
    "flashdeck.tui.screens.review",
    "flashdeck.tui.screens.settings",
    "flashdeck.tui.screens.stats",
)


def _bound() -> dict[str, list[Binding]]:
    """class name -> the BINDINGS it declares itself (not those it inherits)."""
    found: dict[str, list[Binding]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == name and "BINDINGS" in vars(obj):
                found[obj.__qualname__] = list(vars(obj)["BINDINGS"])
    return found


def test_every_screen_module_is_named_here():
    import pkgutil

    from flashdeck.tui import screens

    walked = {f"flashdeck.tui.screens.{info.name}" for info in pkgutil.iter_modules(screens.__path__)}
    assert walked <= set(MODULES)


def test_every_binding_of_a_screen_is_in_the_registry_as_bound():
    for group, bound in _bound().items():
        assert all(isinstance(b, Binding) and b.id for b in bound), group
        registered = [a for a in actions.ACTIONS if a.group == group]
        assert [b.id for b in bound] == [a.id for a in registered], group
        for b, a in zip(bound, registered):
            assert (b.key, b.action, b.description, b.show, b.priority) == \
                (a.keys, a.action, a.description, a.show, a.priority), a.id


def test_every_registry_entry_is_bound_by_its_group():
    bound = _bound()
    assert sorted({a.group for a in actions.ACTIONS} - set(bound)) == []
    ids = {b.id for group in bound.values() for b in group}
    assert sorted(set(actions.BY_ID) - ids) == []


def test_ids_are_unique_and_prefixed_by_their_screen():
    assert len(actions.BY_ID) == len(actions.ACTIONS)
    for group, ids in actions.groups().items():
        assert len({i.split(".")[0] for i in ids}) == 1, group


def test_the_config_template_lists_registry_defaults():
    from flashdeck.services.settings import TEMPLATE_BINDINGS

    for binding_id, key in TEMPLATE_BINDINGS:
        assert actions.BY_ID[binding_id].keys == key, binding_id
