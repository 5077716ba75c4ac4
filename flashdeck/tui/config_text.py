"""The settings in effect, as the TUI applies them: `flashdeck config show` prints this text
and the settings screen shows it (here, in tui, as it checks themes and keys the TUI's way)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from textual.theme import BUILTIN_THEMES

from flashdeck.services.settings import load_settings, scalar_items
from flashdeck.tui.actions import defaults
from flashdeck.tui.keymap import check_keymap, check_theme

WIDTH = 78  # the themes' list is wrapped to fit an 80-column terminal and the settings screen


def theme_names() -> list[str]:
    """Textual's built-in themes, the ones ui.theme may name (read without starting an app)."""
    return sorted(BUILTIN_THEMES)


def themes_lines(width: int = WIDTH) -> list[str]:
    return textwrap.wrap(f"themes for ui.theme: {', '.join(theme_names())}", width,
                         initial_indent="# ", subsequent_indent="#   ", break_on_hyphens=False)


def render(path: Path) -> tuple[str, list[str]]:
    """(the text, the warnings). Checks theme and key names the way the TUI does; the themes
    ui.theme may name are listed under it, and every action of the registry with its keys."""
    settings, warnings = load_settings(path)
    theme, theme_warnings = check_theme(settings.theme, theme_names(), path)
    keymap, key_warnings = check_keymap(settings.keys, path)
    warnings += theme_warnings + key_warnings

    rows: list[tuple[str, str, bool]] = []
    for name, value, is_default in scalar_items(settings):
        if name == "ui.theme":
            value, is_default = theme, is_default or bool(theme_warnings)
        shown = "(none)" if value is None else f'"{value}"' if isinstance(value, str) else str(value)
        rows.append((name, shown, is_default))
    for binding_id, default in sorted(defaults().items()):
        keys = keymap.get(binding_id, default)
        rows.append((f"keys.{binding_id}", f'"{keys}"', keys == default))

    exists = path.is_file()
    lines = [f"# {path}" + ("" if exists else " (not written yet: every value is the default)")]
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for name, value, is_default in rows:
        lines.append(f"{name:<{width}} = {value:<{value_width}}{'  (default)' if is_default else ''}".rstrip())
        if name == "ui.theme":
            lines += themes_lines()
    return "\n".join(lines), warnings
