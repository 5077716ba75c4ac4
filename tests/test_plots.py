"""The text plots of the statistics screen: what they show, where, and that every line fits
the width it is given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.cells import cell_len
from rich.text import Text

from flashdeck.tui.widgets import plots

LAST = date(2026, 3, 2)  # a Monday
WIDTHS = (12, 20, 40, 57, 80, 111, 200)


def lines(text: Text) -> list[Text]:
    return text.split("\n")


def style_at(line: Text, offset: int) -> str:
    """The style of the cell at `offset` (the innermost span covering it)."""
    found = str(line.style)
    for span in line.spans:
        if span.start <= offset < span.end:
            found = str(span.style)
    return found


def year(counts_by_day: dict[date, int] | None = None, days: int = 365) -> list[int]:
    counts_by_day = counts_by_day or {}
    return [counts_by_day.get(LAST - timedelta(days=days - 1 - i), 0) for i in range(days)]


def grid(text: Text) -> list[Text]:
    """The heatmap's seven weekday rows (below the month names)."""
    return lines(text)[1:8]


# -- heatmap -------------------------------------------------------------------------------

def test_heat_levels_are_relative_to_the_busiest_day():
    assert plots.heat_level(0, 50) == 0
    assert plots.heat_level(1, 50) == 1
    assert plots.heat_level(50, 50) == plots.LEVELS
    assert plots.heat_level(26, 50) == 3
    assert plots.heat_level(5, 0) == 0


@pytest.mark.parametrize("width", [80, 200])
def test_heatmap_has_a_cell_per_day_under_its_weekday_and_month(width):
    counts = year({LAST - timedelta(days=n): n % 7 + 1 for n in range(365)})
    text = plots.heatmap(counts, LAST, width)
    rows = grid(text)
    assert sum(row.plain.count(plots.CELL) for row in rows) == 365
    assert [row.plain[:3] for row in rows] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "   "]
    step = 1 if width == 80 else 2
    # LAST is a Monday: the last column holds it alone, on the Monday row
    monday, tuesday = rows[0].plain.rstrip(), rows[1].plain.rstrip()
    assert monday[-1] == plots.CELL and len(monday) == len(tuesday) + step
    months = lines(text)[0].plain
    for name in ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"):
        assert name in months, name
    # the month name sits above the week of that month's first Monday
    first_monday_of_march = date(2026, 3, 2)
    column = ((first_monday_of_march - (LAST - timedelta(days=364))).days + (LAST - timedelta(days=364)).weekday()) // 7
    assert months[4 + column * step:4 + column * step + 3] == "Mar"


def test_heatmap_busiest_day_has_the_top_colour_and_empty_days_the_bottom_one():
    busiest = LAST - timedelta(days=10)  # a Friday
    counts = year({**{LAST - timedelta(days=n): 3 for n in range(0, 365, 2)}, busiest: 40})
    text = plots.heatmap(counts, LAST, 80, dark=True)
    rows = grid(text)
    top, none = plots.DARK.heat[plots.LEVELS], plots.DARK.heat[0]
    first_monday = (LAST - timedelta(days=364)) - timedelta(days=(LAST - timedelta(days=364)).weekday())
    column = (busiest - first_monday).days // 7
    assert style_at(rows[busiest.weekday()], 4 + column) == top
    top_cells = [(r, i) for r, row in enumerate(rows) for i, ch in enumerate(row.plain)
                 if ch == plots.CELL and style_at(row, i) == top]
    assert top_cells == [(busiest.weekday(), 4 + column)]
    empty_day = LAST - timedelta(days=1)  # odd: no reviews
    last_column = (LAST - first_monday).days // 7
    assert style_at(rows[empty_day.weekday()], 4 + last_column - 1) == none
    assert "busiest day 40" in lines(text)[-1].plain
    assert "Less" in lines(text)[-1].plain and "More" in lines(text)[-1].plain


def test_heatmap_light_theme_uses_the_light_greens():
    text = plots.heatmap(year({LAST: 5}), LAST, 80, dark=False)
    first_monday = (LAST - timedelta(days=364)) - timedelta(days=(LAST - timedelta(days=364)).weekday())
    assert style_at(grid(text)[0], 4 + (LAST - first_monday).days // 7) == plots.LIGHT.heat[plots.LEVELS]


def test_narrow_heatmap_keeps_the_latest_weeks():
    counts = year({LAST - timedelta(days=n): 1 for n in range(365)})
    text = plots.heatmap(counts, LAST, 30)
    weeks = 30 - 4
    rows = grid(text)
    # the last week holds only LAST (a Monday); the 25 before it are whole
    assert sum(row.plain.count(plots.CELL) for row in rows) == 1 + 7 * (weeks - 1)
    assert all(cell_len(line.plain) <= 30 for line in lines(text))


@pytest.mark.parametrize("width", WIDTHS)
def test_heatmap_never_exceeds_its_width(width):
    text = plots.heatmap(year({LAST - timedelta(days=n): n for n in range(365)}), LAST, width)
    assert all(cell_len(line.plain) <= width for line in lines(text))


# -- columns -------------------------------------------------------------------------------

def days(n: int) -> list[str]:
    return [f"{LAST + timedelta(days=i):%d %b}" for i in range(n)]


def test_columns_scale_to_the_largest_value_with_axis_and_date_labels():
    values = [0] * 30
    values[0], values[7], values[29] = 12, 48, 6
    text = plots.columns(values, days(30), 80, colour="red", height=6)
    rows = lines(text)
    assert len(rows) == 6 + 2  # the bars, the axis, the dates
    assert rows[0].plain.startswith("48┤") and rows[5].plain.startswith(" 0┤")
    gutter = 3
    def column(i: int) -> list[str]:  # the cells of value i, top to bottom
        return [row.plain[gutter + 2 * i] if len(row.plain) > gutter + 2 * i else " " for row in rows[:6]]

    assert column(7) == ["█"] * 6  # the largest is full height
    assert column(1) == [" "] * 6  # nothing that day: nothing drawn
    assert column(0) == [" ", " ", " ", " ", "▄", "█"]  # a quarter of the largest: 1.5 of 6 rows
    assert column(29)[-1] != " "  # a small value still shows
    assert rows[-1].plain.lstrip().startswith("02 Mar") and rows[-1].plain.rstrip().endswith("31 Mar")
    assert style_at(rows[0], gutter + 14) == "red"


def test_columns_too_many_for_the_width_keep_the_latest():
    values = list(range(1, 31))
    text = plots.columns(values, days(30), 15, colour="red", height=4)
    rows = lines(text)
    assert rows[-2].plain.count("─") == 15 - 3  # after the "30┤" gutter, a cell per value shown
    assert rows[-1].plain.rstrip().endswith(days(30)[-1])
    assert rows[0].plain[-1] == "█"  # 30, the largest, is full height
    assert [row.plain[3] for row in rows[:4]] == [" ", "▄", "█", "█"]  # 19, the first shown: 20 of 32 eighths
    assert all(cell_len(line.plain) <= 15 for line in rows)


@pytest.mark.parametrize("width", WIDTHS)
def test_columns_never_exceed_their_width(width):
    text = plots.columns([3, 0, 100, 7] * 8, days(32), width, colour="red", fmt=lambda v: f"{v:.0f}m")
    assert all(cell_len(line.plain) <= width for line in lines(text))


def test_columns_with_a_fixed_top_leave_headroom():
    text = plots.columns([50.0, 100.0], ["a", "b"], 40, colour="red", height=4, top=100, fmt=lambda v: f"{v:.0f}%")
    rows = lines(text)
    assert rows[0].plain.startswith("100%┤")
    assert [row.plain[5] for row in rows[:4]] == [" ", " ", "█", "█"]


# -- horizontal bars -----------------------------------------------------------------------

def test_hbars_length_label_note_and_colour_by_value():
    rows = [("weak topic", 0.25, "25%"), ("a very long topic name that will not fit", 0.9, "90%"),
            ("no data", None, "none finished")]
    text = plots.hbars(rows, 60, dark=True)
    out = lines(text)
    label_w = 60 // 3
    bar_w = 60 - label_w - len("none finished") - 2
    assert out[0].plain.startswith("weak topic") and out[0].plain.endswith("25%")
    assert out[0].plain.count("█") == round(bar_w / 4 * 8) // 8
    assert out[1].plain.startswith("a very long topic n…")
    assert out[2].plain.count("█") == 0 and "none finished" in out[2].plain
    assert style_at(out[0], label_w + 1) == plots.DARK.low
    assert style_at(out[1], label_w + 1) == plots.DARK.high
    assert all(cell_len(line.plain) <= 60 for line in out)


@pytest.mark.parametrize("width", WIDTHS)
def test_hbars_never_exceed_their_width(width):
    rows = [(f"topic.{i}" * (i + 1), i / 10, f"{i * 10}% · {i} cards, {i * 7}% passed") for i in range(11)]
    assert all(cell_len(line.plain) <= width for line in lines(plots.hbars(rows, width)))


def test_split_cells_is_proportional_and_shows_every_nonzero_count():
    assert plots.split_cells([1, 1, 2], 8) == [2, 2, 4]
    cells = plots.split_cells([1000, 0, 3, 0, 1], 20)
    assert sum(cells) == 20 and cells[1] == cells[3] == 0 and cells[2] == 1 and cells[4] == 1
    assert plots.split_cells([0, 0], 5) == [0, 0]


def test_stacked_bars_proportional_to_the_largest_deck_with_a_legend():
    decks = [("Big deck", {"new": 50, "learning": 10, "young": 20, "mature": 20, "suspended": 0}),
             ("Small deck", {"new": 25, "learning": 0, "young": 0, "mature": 0, "suspended": 0}),
             ("Empty deck", {})]
    text = plots.stacked_bars(decks, 70, dark=False)
    out = lines(text)
    bar_w = 70 - 10 - 3 - 2
    big, small, empty = (line.plain.count("█") for line in out[:3])
    assert big == bar_w and small == round(bar_w / 4) and empty == 0
    assert out[0].plain.rstrip().endswith("100") and out[1].plain.rstrip().endswith("25")
    start = 11
    assert style_at(out[0], start) == plots.LIGHT.states["new"]
    assert style_at(out[0], start + big - 1) == plots.LIGHT.states["mature"]
    legend = " ".join(line.plain for line in out[3:])
    for state, total in (("new", 75), ("learning", 10), ("young", 20), ("mature", 20), ("suspended", 0)):
        assert f"{state} {total}" in legend
    assert all(cell_len(line.plain) <= 70 for line in out)


@pytest.mark.parametrize("width", WIDTHS)
def test_stacked_bars_never_exceed_their_width(width):
    decks = [(f"Deck number {i} with a long title", {"new": i * 10, "mature": 5, "suspended": i}) for i in range(5)]
    assert all(cell_len(line.plain) <= width for line in lines(plots.stacked_bars(decks, width)))


def test_sparkline_fixed_scale_and_latest_values():
    assert plots.sparkline([0, 50, 100], 10).plain == "▁▅█"  # 50 % is the middle of 8 levels (rounded)
    assert plots.sparkline(list(range(0, 101, 10)), 4).plain == plots.sparkline([70, 80, 90, 100], 4).plain
    assert plots.fit("abcdef", 4) == "abc…" and plots.fit("abc", 4) == "abc"
