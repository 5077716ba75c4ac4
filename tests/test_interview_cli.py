"""`flashdeck interview set | clear | show` as a learner types them (subprocess), and the
config.toml edit behind them (issue 18)."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, timedelta

import pytest

from flashdeck.domain.studyday import study_day
from flashdeck.services.settings import ConfigEditFailed, load_settings, set_setting
from test_cli import flashdeck


def today() -> date:
    return study_day(datetime.now().astimezone())


def test_set_show_and_clear(home, cli_db):
    day = today() + timedelta(days=30)
    result = flashdeck("interview", "set", day.isoformat(), home=home, db=cli_db)
    assert result.returncode == 0, result.stderr
    assert f"Interview on {day.isoformat()}: 30 days left" in result.stdout
    assert (day - timedelta(days=1)).isoformat() in result.stdout and "200 reviews" in result.stdout
    assert load_settings(home / "config.toml")[0].interview_date == day

    shown = flashdeck("interview", home=home, db=cli_db)
    assert shown.returncode == 0 and "30 days left" in shown.stdout and "Predicted recall on the interview day" in shown.stdout
    data = json.loads(flashdeck("interview", "show", "--json", home=home, db=cli_db).stdout)
    assert data["date"] == day.isoformat() and data["days_left"] == 30
    assert data["readiness"]["date"] == day.isoformat() and data["readiness"]["overall"] == 0.0
    assert data["readiness"]["reviewed"] == 0 and data["readiness"]["cards"] > 0
    assert "study.interview_date" in flashdeck("config", "show", home=home, db=cli_db).stdout

    cleared = flashdeck("interview", "clear", home=home, db=cli_db)
    assert cleared.returncode == 0 and f"{day.isoformat()} cleared" in cleared.stdout
    assert load_settings(home / "config.toml")[0].interview_date is None
    assert "No interview date was set" in flashdeck("interview", "clear", home=home, db=cli_db).stdout
    data = json.loads(flashdeck("interview", "show", "--json", home=home, db=cli_db).stdout)
    assert data["date"] is None and data["readiness"]["date"] == today().isoformat()
    assert data["readiness"]["in_a_week"] == 0.0
    assert data["readiness"]["curve"][-1]["date"] == (today() + timedelta(days=7)).isoformat()


@pytest.mark.parametrize("text, says", [
    ("2027-13-01", "not a date: '2027-13-01'"),
    ("next friday", "not a date"),
    ("2020-01-01", "is in the past"),
])
def test_a_bad_date_is_one_line_and_changes_nothing(home, text, says):
    flashdeck("config", "path", home=home)
    before = (home / "config.toml").read_text()
    result = flashdeck("interview", "set", text, home=home)
    assert result.returncode == 2 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert (home / "config.toml").read_text() == before


def test_a_broken_config_is_not_overwritten(home):
    (home / "config.toml").write_text("[study\nnew_per_day = 5\n")
    result = flashdeck("interview", "set", (today() + timedelta(days=3)).isoformat(), home=home)
    assert result.returncode == 1 and "fix it first" in result.stderr and "Traceback" not in result.stderr
    assert (home / "config.toml").read_text() == "[study\nnew_per_day = 5\n"


def test_set_setting_keeps_every_other_line_and_comment(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\n[study]\nnew_per_day = 5  # fewer\n\n[ui]\ntheme = \"nord\"\n")
    set_setting(path, "study", "interview_date", date(2027, 1, 15))
    assert path.read_text() == ("# mine\n[study]\nnew_per_day = 5  # fewer\ninterview_date = 2027-01-15\n\n"
                                "[ui]\ntheme = \"nord\"\n")
    set_setting(path, "study", "interview_date", date(2027, 2, 1))
    assert tomllib.loads(path.read_text())["study"] == {"new_per_day": 5, "interview_date": date(2027, 2, 1)}
    set_setting(path, "study", "interview_date", None)
    assert path.read_text() == "# mine\n[study]\nnew_per_day = 5  # fewer\n\n[ui]\ntheme = \"nord\"\n"


def test_set_setting_on_the_template_and_without_the_section(tmp_path):
    path = tmp_path / "config.toml"
    set_setting(path, "study", "interview_date", date(2027, 1, 15))  # written from the template first
    lines = path.read_text().splitlines()
    assert lines[lines.index("# interview_date = 2027-01-15") + 1] == "interview_date = 2027-01-15"
    other = tmp_path / "other.toml"
    other.write_text("[ui]\ntheme = \"nord\"\n")
    set_setting(other, "study", "interview_date", date(2027, 1, 15))
    assert tomllib.loads(other.read_text()) == {"ui": {"theme": "nord"}, "study": {"interview_date": date(2027, 1, 15)}}


def test_a_value_set_another_way_is_refused_not_duplicated(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("study.interview_date = 2026-12-01\n")
    with pytest.raises(ConfigEditFailed, match="cannot change"):
        set_setting(path, "study", "interview_date", date(2027, 1, 15))
    assert path.read_text() == "study.interview_date = 2026-12-01\n"


@pytest.mark.parametrize("value, expected", [
    ("2027-01-15", date(2027, 1, 15)), ("\"2027-01-15\"", date(2027, 1, 15)),
    ("\"soon\"", None), ("2027-01-15T10:00:00", None), ("20270115", None),
])
def test_the_setting_reads_a_toml_date_or_an_iso_string(tmp_path, value, expected):
    path = tmp_path / "config.toml"
    path.write_text(f"[study]\ninterview_date = {value}\n")
    settings, warnings = load_settings(path)
    assert settings.interview_date == expected
    assert bool(warnings) == (expected is None) and all("study.interview_date" in w for w in warnings)
