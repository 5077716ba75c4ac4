"""Learner settings from <home>/config.toml, with defaults for anything missing.

Never raises for a bad file: every problem becomes a one-line warning naming the key, and the
default is used instead. Standard library only (the stats command imports this on its fast
path). Theme names and key names are checked by the TUI, which knows Textual's
(flashdeck.tui.keymap); here only their shape is checked.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_starts_at: int = 4  # hour, local time, when the study day rolls over
    leech_threshold: int = 8  # lapses that make a card a leech; 0 turns leeches off
    theme: str = "textual-dark"  # a Textual theme name
    type_answers: str = "auto"  # answer boxes on math and scenario cards: one of TYPE_ANSWERS
    keep_last: int = 10  # backups of the database kept in <home>/backups/
    interview_date: date | None = None  # the day of the interview (domain.interview), None: no date
    scheduler: str = "sm2"  # what sets due dates: one of SCHEDULERS
    desired_retention: float = 0.9  # FSRS's target recall at a review (scheduler "fsrs")
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key[,key...]"


# ui.type_answers: the review's answer boxes on math and scenario cards (see its comment below)
TYPE_ANSWERS = ("auto", "always", "never")
SCHEDULERS = ("sm2", "fsrs")


class _Date:
    """The limits of a setting that is a day: a TOML date (2027-01-15) or the same as a string."""


DATE = _Date()

# section, name, (low, high) for whole numbers / a tuple of allowed strings / DATE for a day /
# None for any string, the comment in config.toml
_SCALARS: tuple[tuple[str, str, tuple[int, int] | tuple[str, ...] | _Date | None, str], ...] = (
    ("study", "new_per_day", (0, 10_000), "New cards introduced per study day"),
    ("study", "reviews_per_day", (0, 100_000), "Due reviews per study day"),
    ("study", "day_starts_at", (0, 23), "Hour (local time) at which the study day rolls over, as in Anki"),
    ("study", "leech_threshold", (0, 1_000),
     "Lapses (a grade below 3 on a card you had learned) that make a card a leech: it is\n"
     "# flagged and suspended so that you rewrite it. 0 turns leeches off"),
    ("study", "scheduler", SCHEDULERS,
     "What sets each card's next review: \"sm2\" (SuperMemo 2, flashdeck's default) or \"fsrs\"\n"
     "# (FSRS, py-fsrs, as Anki 23.10+). Switching keeps every card's history and can be undone\n"
     "# by switching back: the next grade of each card is scheduled by the one chosen"),
    ("study", "desired_retention", (0.7, 0.99),
     "With scheduler = \"fsrs\": the recall FSRS aims for when a card comes back (higher: more\n"
     "# reviews)"),
    ("study", "interview_date", DATE,
     "The day of your interview (a date: 2027-01-15), or no line for none. With a date, no card\n"
     "# comes back after the day before it, and the stats show your predicted readiness for it.\n"
     "# `flashdeck interview set DATE` / `flashdeck interview clear` edit this line"),
    ("ui", "theme", None,
     "A Textual theme: textual-dark, textual-light, nord, gruvbox, dracula, tokyo-night,\n"
     "# monokai, catppuccin-mocha, solarized-light, ... (`flashdeck config show` lists them all)."),
    ("ui", "type_answers", TYPE_ANSWERS,
     "Typing answers on math and scenario cards (a formula checked by sympy, the key points\n"
     "# you covered). \"auto\": press t to type; until you do, space and 0-5 work as on any card.\n"
     "# \"always\": the answer box has the focus when the card appears; Esc leaves it, and space\n"
     "# in an empty box shows the answer. \"never\": no answer box"),
    ("backup", "keep_last", (1, 1_000),
     "Backups of the database kept in <home>/backups/ (the newest). One is made before every\n"
     "# schema upgrade and at most once a day when a session ends; `flashdeck db restore --latest`"),
)
_SCALAR_SECTIONS = ("study", "ui", "backup")
SECTIONS = (*_SCALAR_SECTIONS, "keys")

# The bindings the config template lists (commented out). `flashdeck config show` lists every
# binding the TUI really has, with its current keys.
TEMPLATE_BINDINGS: tuple[tuple[str, str], ...] = (
    ("app.quit", "ctrl+q"), ("app.copy_or_quit", "ctrl+c"),
    ("home.review_deck", "r"), ("home.review_all", "a"), ("home.cram", "c"), ("home.drills", "d"),
    ("home.mock", "m"), ("home.stats", "s"), ("home.browse", "b"), ("home.export", "e"), ("home.quit", "q"),
    ("review.reveal", "space"), ("review.reveal_enter", "enter"), ("review.type", "t"),
    *((f"review.grade_{q}", str(q)) for q in range(6)),
    ("review.undo", "u"), ("review.bury", "b"), ("review.suspend", "s"),
    ("review.leave", "q"), ("review.leave_escape", "escape"),
    ("drill.check", "ctrl+r"), ("drill.hint", "ctrl+t"), ("drill.give_up", "ctrl+g"), ("drill.report", "ctrl+o"),
    ("drill.leave", "escape"), ("drill.attempts", "ctrl+l"), ("drill.fresh", "ctrl+n"),
    ("browse.search", "slash"), ("browse.suspend", "s"), ("browse.bury", "b"), ("browse.edit", "e"),
    ("browse.leeches", "l"), ("stats.refresh", "r"),
)


def _is_choice(limits) -> bool:
    return isinstance(limits, tuple) and bool(limits) and isinstance(limits[0], str)


def _default(name: str):
    return Settings.__dataclass_fields__[name].default


def config_template() -> str:
    """The commented config.toml written on first run (every value is the default)."""
    lines = [
        "# flashdeck settings. Edit a value and restart flashdeck; delete a line to get its default",
        "# back. A bad value is reported (naming its key) and its default is used instead.",
        "# `flashdeck config show` prints the values in effect.",
    ]
    for section in _SCALAR_SECTIONS:
        lines += ["", f"[{section}]"]
        for sec, name, limits, comment in _SCALARS:
            if sec != section:
                continue
            default = _default(name)
            if limits is DATE:
                lines += [f"# {comment}", f"# {name} = 2027-01-15"]
                continue
            rng = "" if not limits else f" ({' | '.join(limits)})" if _is_choice(limits) else f" ({limits[0]}-{limits[1]})"
            lines += [f"# {comment}{rng}", f"{name} = {_toml(default)}"]
    lines += [
        "",
        "[keys]",
        "# Rebind a key by its action id: \"action.id\" = \"key\", or \"key1,key2\" for several.",
        "# Key names are Textual's: a, 5, space, enter, escape, tab, up, f1, ctrl+x, question_mark ...",
        "# An unknown id or key name is reported and that action keeps its default key.",
        "# The main actions and their default keys (`flashdeck config show` lists every one):",
        *(f"# \"{binding_id}\" = \"{key}\"" for binding_id, key in TEMPLATE_BINDINGS),
        "",
    ]
    return "\n".join(lines)


def ensure_config_file(path: Path) -> bool:
    """Write the commented default config.toml if there is none. True if it was written."""
    if path.exists():
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite one written meanwhile
            out.write(config_template())
    except OSError:
        return False  # a read-only home still works, with the defaults
    return True


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Returns the settings and a list of warnings (bad values fall back to defaults)."""
    if not path.is_file():
        return Settings(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), [f"{path}: {exc}; using defaults"]
    warnings: list[str] = []
    values: dict = {}

    for name in data:
        if name not in SECTIONS:
            warnings.append(f"{path}: unknown section [{name}] ignored (known: {', '.join(SECTIONS)})")
        elif not isinstance(data[name], dict):
            warnings.append(f"{path}: {name} must be a [{name}] table; using the defaults for it")
    sections = {name: data[name] for name in SECTIONS if isinstance(data.get(name), dict)}

    for section, name, limits, _ in _SCALARS:
        table = sections.get(section, {})
        if name not in table:
            continue
        value, default = table[name], _default(name)
        if limits is DATE:
            day = parse_day(value)
            if day is None:
                warnings.append(f"{path}: {section}.{name} must be a date like 2027-01-15, got {value!r}; using none")
            else:
                values[name] = day
            continue
        if limits is not None and _is_choice(limits):
            if not isinstance(value, str) or value.strip() not in limits:
                allowed = ", ".join(f'"{c}"' for c in limits)
                warnings.append(f"{path}: {section}.{name} must be one of {allowed}, got {value!r}; using {default!r}")
                continue
        elif limits is not None and isinstance(limits[0], float):
            low, high = limits
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                warnings.append(f"{path}: {section}.{name} must be a number {low}-{high}, got {value!r}; using {default}")
                continue
            value = float(value)
        elif limits is not None:
            low, high = limits
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                warnings.append(f"{path}: {section}.{name} must be a whole number {low}-{high}, got {value!r}; using {default}")
                continue
        elif not isinstance(value, str) or not value.strip():
            warnings.append(f"{path}: {section}.{name} must be a non-empty string, got {value!r}; using {default!r}")
            continue
        values[name] = value.strip() if isinstance(value, str) else value

    for section in _SCALAR_SECTIONS:
        for name in sections.get(section, {}):
            if not any(s == section and n == name for s, n, _, _ in _SCALARS):
                warnings.append(f"{path}: unknown setting {section}.{name} ignored")

    keys: dict[str, str] = {}
    for binding_id, value in sections.get("keys", {}).items():
        if not isinstance(value, str) or not [k for k in value.split(",") if k.strip()]:
            warnings.append(f"{path}: keys.{binding_id} must be a string of key names like \"x\" or \"x,ctrl+y\", "
                            f"got {value!r}; keeping its default key")
            continue
        keys[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
    if keys:
        values["keys"] = keys
    return Settings(**values), warnings


def scalar_items(settings: Settings) -> list[tuple[str, object, bool]]:
    """(dotted name, value in effect, is it the default) for every setting but the keys."""
    return [(f"{section}.{name}", getattr(settings, name), getattr(settings, name) == _default(name))
            for section, name, _, _ in _SCALARS]


def parse_day(value) -> date | None:
    """A day from TOML (a date literal, or the same as a string "2027-01-15"); None if it is not one."""
    if isinstance(value, date) and not hasattr(value, "hour"):  # a TOML datetime is not a day
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()) if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value) else None
        except ValueError:
            return None
    return None


class ConfigEditFailed(Exception):
    """config.toml could not be changed; the message is one line, and the file is as it was."""


_SECTION = re.compile(r"^\s*\[([^\]]*)\]\s*(#.*)?$")


def set_setting(path: Path, section: str, name: str, value: date | int | str | None) -> None:
    """Set `section.name` in config.toml to `value` (None: remove the line), keeping every other
    line and comment as it is. The file is replaced atomically, and only if it still reads back
    with that value; a commented-out `# name = ...` line of the template is where a new value goes."""
    ensure_config_file(path)
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigEditFailed(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigEditFailed(f"{path} has an error ({exc}); fix it first (`flashdeck config show`)") from None
    lines = text.splitlines()
    key = re.compile(rf"^\s*{re.escape(name)}\s*=")
    commented = re.compile(rf"^\s*#\s*{re.escape(name)}\s*=")
    new_line = None if value is None else f"{name} = {_toml(value)}"
    start = next((i for i, line in enumerate(lines) if (m := _SECTION.match(line)) and m.group(1).strip() == section), None)
    if start is None:
        if new_line is not None:
            lines += ["", f"[{section}]", new_line]
    else:
        end = next((i for i in range(start + 1, len(lines)) if _SECTION.match(lines[i])), len(lines))
        found = [i for i in range(start + 1, end) if key.match(lines[i])]
        if found:
            if new_line is None:
                del lines[found[0]]
            else:
                lines[found[0]] = new_line
        elif new_line is not None:
            hint = [i for i in range(start + 1, end) if commented.match(lines[i])]
            at = hint[0] + 1 if hint else end
            while not hint and at > start + 1 and not lines[at - 1].strip():
                at -= 1  # before the blank lines that end the section
            lines.insert(at, new_line)
    result = "\n".join(lines) + "\n"
    try:
        if tomllib.loads(result).get(section, {}).get(name) != value:
            raise ConfigEditFailed(f"{path}: {section}.{name} is set in a way this edit cannot change; edit the file")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigEditFailed(f"{path}: {section}.{name} is set in a way this edit cannot change ({exc}); edit the file") from None
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(result, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConfigEditFailed(f"cannot write {path}: {exc}") from None


def _toml(value) -> str:
    if isinstance(value, date):
        return value.isoformat()  # a TOML local date
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)
