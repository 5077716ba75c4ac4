"""`flashdeck config show`: the settings in effect, as the TUI would apply them."""

from __future__ import annotations

from pathlib import Path

from flashdeck.services.settings import load_settings, scalar_items


def render(path: Path) -> tuple[str, list[str]]:
    """(the text, the warnings). Checks theme and key names the way the TUI does."""
    from textual.theme import BUILTIN_THEMES

    from flashdeck.tui.keymap import binding_defaults, check_keymap, check_theme

    settings, warnings = load_settings(path)
    theme, theme_warnings = check_theme(settings.theme, BUILTIN_THEMES, path)
    keymap, key_warnings = check_keymap(settings.keys, path)
    warnings += theme_warnings + key_warnings

    rows: list[tuple[str, str, bool]] = []
    for name, value, is_default in scalar_items(settings):
        if name == "ui.theme":
            value, is_default = theme, is_default or bool(theme_warnings)
        rows.append((name, f'"{value}"' if isinstance(value, str) else str(value), is_default))
    for binding_id, default in sorted(binding_defaults().items()):
        keys = keymap.get(binding_id, default)
        rows.append((f"keys.{binding_id}", f'"{keys}"', keys == default))

    exists = path.is_file()
    lines = [f"# {path}" + ("" if exists else " (not written yet: every value is the default)")]
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for name, value, is_default in rows:
        lines.append(f"{name:<{width}} = {value:<{value_width}}{'  (default)' if is_default else ''}".rstrip())
    return "\n".join(lines), warnings
