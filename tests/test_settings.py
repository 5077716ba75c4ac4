"""config.toml: written on first run with comments, bad values named and replaced by defaults,
`flashdeck config path|show` run as a learner types them."""

from __future__ import annotations

import tomllib

from test_cli import flashdeck  # the CLI as a subprocess

from flashdeck.services.settings import Settings, config_template, load_settings


def write(home, text: str):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)
    return home / "config.toml"


def test_first_run_writes_a_commented_config_that_means_the_defaults(make_ctx, tmp_path):
    home = tmp_path / "home"
    ctx = make_ctx(home)
    path = home / "config.toml"
    text = path.read_text()
    for key in ("new_per_day", "reviews_per_day", "day_starts_at", "leech_threshold", "theme", "[keys]",
                '"review.reveal" = "space"', '"review.grade_5" = "5"', '"review.undo" = "u"'):
        assert key in text, key
    # every setting line has a comment line right above it
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert lines[i - 1].startswith("#"), line
    assert ctx.settings == Settings() and ctx.warnings == []
    settings, warnings = load_settings(path)
    assert (settings.new_per_day, settings.reviews_per_day, settings.day_starts_at, settings.leech_threshold,
            settings.theme, settings.keys) == (20, 200, 4, 8, "textual-dark", {})
    assert warnings == []
    path.write_text(text.replace("new_per_day = 20", "new_per_day = 5"))
    assert make_ctx(home).settings.new_per_day == 5  # an existing file is never overwritten
    assert tomllib.loads(config_template())["study"]["leech_threshold"] == 8


def test_every_bad_value_is_named_and_falls_back(tmp_path):
    path = write(tmp_path, """
[study]
new_per_day = -1
reviews_per_day = true
day_starts_at = 24
leech_threshold = "eight"
new_per_dya = 3

[ui]
theme = 7

[keys]
"review.reveal" = 5
"review.undo" = ""
"review.bury" = "x"

[colours]
a = 1
""")
    settings, warnings = load_settings(path)
    assert settings == Settings(keys={"review.bury": "x"})
    assert warnings == [
        f"{path}: unknown section [colours] ignored (known: study, ui, backup, keys)",
        f"{path}: study.new_per_day must be a whole number 0-10000, got -1; using 20",
        f"{path}: study.reviews_per_day must be a whole number 0-100000, got True; using 200",
        f"{path}: study.day_starts_at must be a whole number 0-23, got 24; using 4",
        f"{path}: study.leech_threshold must be a whole number 0-1000, got 'eight'; using 8",
        f"{path}: ui.theme must be a non-empty string, got 7; using 'textual-dark'",
        f"{path}: unknown setting study.new_per_dya ignored",
        f"{path}: keys.review.reveal must be a string of key names like \"x\" or \"x,ctrl+y\", got 5; keeping its default key",
        f"{path}: keys.review.undo must be a string of key names like \"x\" or \"x,ctrl+y\", got ''; keeping its default key",
    ]


def test_unreadable_toml_is_one_warning_and_defaults(tmp_path):
    path = write(tmp_path, "[study\nnew_per_day = 3\n")
    settings, warnings = load_settings(path)
    assert settings == Settings()
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: ") and warnings[0].endswith("; using defaults")


def test_config_path_and_show(tmp_path):
    home = tmp_path / "home"
    result = flashdeck("config", "path", home=home)
    assert result.returncode == 0 and result.stdout.strip() == str(home / "config.toml")
    assert (home / "config.toml").is_file()  # ready to open in an editor

    shown = flashdeck("config", "show", home=home)
    assert shown.returncode == 0 and shown.stderr == ""
    lines = shown.stdout.splitlines()
    assert lines[0] == f"# {home / 'config.toml'}"
    assert any(line.startswith("study.new_per_day") and line.endswith("(default)") for line in lines)
    assert any(line.startswith("keys.review.reveal") and '"space"' in line and line.endswith("(default)") for line in lines)

    write(home, '[study]\nnew_per_day = 7\nday_starts_at = 99\n[ui]\ntheme = "nord"\n'
                '[keys]\n"review.reveal" = "x"\n"review.undo" = "ctrl+banana"\n"review.nope" = "y"\n')
    shown = flashdeck("config", "show", home=home)
    assert shown.returncode == 0, shown.stderr
    rows = {line.split()[0]: line for line in shown.stdout.splitlines()[1:]}
    assert rows["study.new_per_day"].split("=")[1].strip() == "7"
    assert rows["study.day_starts_at"].split("=")[1].split() == ["4", "(default)"]
    assert '"nord"' in rows["ui.theme"] and "(default)" not in rows["ui.theme"]
    assert '"x"' in rows["keys.review.reveal"] and "(default)" not in rows["keys.review.reveal"]
    assert '"u"' in rows["keys.review.undo"] and rows["keys.review.undo"].endswith("(default)")
    assert "keys.review.nope" not in rows
    errors = shown.stderr.splitlines()
    assert any("study.day_starts_at must be a whole number 0-23, got 99; using 4" in e for e in errors)
    assert any("keys.review.undo: 'ctrl+banana' is not a key name" in e for e in errors)
    assert any("keys.review.nope: no action has this id" in e for e in errors)
    assert "Traceback" not in shown.stderr


def test_every_action_id_in_the_config_template_exists():
    from flashdeck.services.settings import TEMPLATE_BINDINGS
    from flashdeck.tui.keymap import binding_defaults

    defaults = binding_defaults()
    for binding_id, key in TEMPLATE_BINDINGS:
        assert binding_id in defaults, binding_id
        assert defaults[binding_id] == key, binding_id


def test_config_show_lists_the_themes_the_template_points_to(tmp_path):
    from textual.theme import BUILTIN_THEMES

    assert "`flashdeck config show` lists them all" in config_template()  # the pointer ...
    shown = flashdeck("config", "show", home=tmp_path / "home")  # ... and what it points to
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("ui.theme"))
    block = []
    for line in lines[start + 1:]:
        if not line.startswith("#"):
            break
        block.append(line.lstrip("# "))
    assert block[0].startswith("themes for ui.theme: ") and all(len(line) <= 78 for line in lines[start + 1:start + 1 + len(block)])
    listed = " ".join(block).removeprefix("themes for ui.theme: ").split(", ")
    assert listed == sorted(BUILTIN_THEMES) and {"textual-dark", "nord", "gruvbox", "dracula"} <= set(listed)
