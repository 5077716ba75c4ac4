"""Applying the learner's [ui] theme and [keys] bindings (config.toml) to the app.

Key bindings are rebound by their Binding id (`review.reveal`, `home.review_all`, ...: the
ids, default keys and groups are flashdeck.tui.actions') through Textual's App.set_keymap.
Anything Textual would silently ignore or misread (an unknown id, a key name it does not know,
a theme it does not have) becomes a warning naming the setting, and that setting keeps its
default.
"""

from __future__ import annotations

from pathlib import Path

from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _character_to_key, key_to_character

from flashdeck.tui import actions

DEFAULT_THEME = "textual-dark"
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_NAMED_KEYS = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}


def is_key_name(key: str) -> bool:
    """A key Textual can deliver: 'x', '5', 'space', 'f1', 'ctrl+x', 'question_mark', ..."""
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    *modifiers, base = key.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in _NAMED_KEYS or base in KEY_NAME_REPLACEMENTS.values():
        return True
    # 'comma', 'question_mark', ...: names of printable ASCII characters (not every Unicode
    # name: 'banana' would be accepted, and no keyboard sends it)
    character = key_to_character(base)
    return character is not None and character.isascii() and character.isprintable()


def binding_groups() -> dict[str, dict[str, str]]:
    """For the app and each of our screens: binding id -> its default key(s)."""
    return actions.groups()


def binding_defaults() -> dict[str, str]:
    """Every binding id of the app -> its default key(s)."""
    return actions.defaults()


def check_keymap(keys: dict[str, str], config: Path | str) -> tuple[dict[str, str], list[str]]:
    """The valid part of a [keys] table, and one warning per setting left out: unknown ids,
    unknown key names, and a key that would take over another action's key on the same screen
    (Textual would silently drop that action)."""
    if not keys:
        return {}, []
    groups = binding_groups()
    defaults = {binding_id: k for group in groups.values() for binding_id, k in group.items()}
    valid: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, value in keys.items():
        if binding_id not in defaults:
            close = sorted(i for i in defaults if i.split(".")[0] == binding_id.split(".")[0]) or sorted(defaults)
            warnings.append(f"{config}: keys.{binding_id}: no action has this id (ids: {', '.join(close)}); ignored")
            continue
        bad = [k for k in value.split(",") if not is_key_name(k)]
        if bad:
            warnings.append(f"{config}: keys.{binding_id}: {', '.join(repr(k) for k in bad)} is not a key name; "
                            f"keeping the default key {defaults[binding_id]!r}")
            continue
        valid[binding_id] = value
    while True:  # drop rebindings that clash, until none does (a swap of two keys is fine)
        clashes = _clashes(groups, valid)
        if not clashes:
            return valid, warnings
        for binding_id, key, other in clashes:
            if binding_id in valid:
                del valid[binding_id]
                warnings.append(f"{config}: keys.{binding_id}: {key!r} is also the key of {other} on the same screen; "
                                f"keeping the default key {defaults[binding_id]!r}")


def _clashes(groups: dict[str, dict[str, str]], keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(rebound id, key, the other id) for each key two actions of one screen would share."""
    found = []
    for group in groups.values():
        owners: dict[str, list[str]] = {}
        for binding_id, default in group.items():
            for key in _normalized(keymap.get(binding_id, default)):
                owners.setdefault(key, []).append(binding_id)
        for key, ids in owners.items():
            for binding_id in ids:
                if binding_id in keymap and len(ids) > 1:
                    found.append((binding_id, key, next(i for i in ids if i != binding_id)))
    return found


def _normalized(keys: str) -> list[str]:
    # _character_to_key: how Textual itself reads a keymap's keys
    return [_character_to_key(k) if len(k) == 1 else k for k in (k.strip() for k in keys.split(","))]


def check_theme(theme: str, available, config: Path | str) -> tuple[str, list[str]]:
    if theme in available:
        return theme, []
    return DEFAULT_THEME, [f"{config}: ui.theme {theme!r} is not a Textual theme ({', '.join(sorted(available))}); "
                           f"using {DEFAULT_THEME!r}"]


def key_of(app, binding_id: str, default: str) -> str:
    """The key shown for an action in hint lines: the learner's rebinding, else the default."""
    keys = getattr(app, "keys_in_effect", None) or {}
    return keys.get(binding_id, default).split(",")[0]


def apply_settings(app, settings) -> list[str]:
    """Set the theme and the keymap on a running app; returns the warnings to show."""
    config = app.home / "config.toml"
    theme, warnings = check_theme(settings.theme, app.available_themes, config)
    if app.theme != theme:
        app.theme = theme
    keymap, key_warnings = check_keymap(settings.keys, config)
    if keymap or getattr(app, "keys_in_effect", None):  # (an empty keymap after an edit resets the keys)
        app.set_keymap(keymap)
    app.keys_in_effect = keymap
    return warnings + key_warnings
