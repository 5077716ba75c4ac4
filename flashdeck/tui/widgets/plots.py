"""Plots drawn with text for the statistics screen: a calendar heatmap, column charts,
stacked and plain horizontal bars. Pure functions of numbers and a width in cells, returning
rich Text; no Textual here, so they are tested (and reused) without an app.

Every line of every plot fits the width it is given (the screen passes its own width and
redraws on resize). Colours come in a dark and a light set: Textual's dark and light themes
need different greens for a heatmap's "more" to look like more.

Why not textual-plotext: plotext 6.1 alone takes ~195 ms to import (the stats screen's whole
budget is 300 ms) and has no calendar heatmap; these plots import nothing beyond rich.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text

from flashdeck.domain.card_state import STATES

CELL = "■"
EIGHTHS_UP = " ▁▂▃▄▅▆▇█"  # a column's partly filled top cell
EIGHTHS_RIGHT = " ▏▎▍▌▋▊▉█"  # a bar's partly filled last cell
SPARKS = "▁▂▃▄▅▆▇█"
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
LEVELS = 4  # heatmap intensity levels above "none"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Palette:
    heat: tuple[str, ...]  # level 0 (no reviews) to LEVELS
    states: Mapping[str, str]
    reviews: str
    minutes: str
    forecast: str
    score: str
    title: str
    low: str  # rates under 50 %
    middle: str  # 50-80 %
    high: str  # 80 % and more


DARK = Palette(
    heat=("#30363d", "#0e4429", "#006d32", "#26a641", "#39d353"),
    states={"new": "#58a6ff", "learning": "#f0883e", "young": "#8ddb8c", "mature": "#2ea043",
            "suspended": "#6e7681"},
    reviews="#58a6ff", minutes="#d2a8ff", forecast="#f0883e", score="#ffa62b", title="#79c0ff",
    low="#f85149", middle="#d29922", high="#3fb950",
)
LIGHT = Palette(
    heat=("#bdbdbd", "#9be9a8", "#40c463", "#30a14e", "#216e39"),
    states={"new": "#0969da", "learning": "#bc4c00", "young": "#4ac26b", "mature": "#116329",
            "suspended": "#6e7781"},
    reviews="#0969da", minutes="#8250df", forecast="#bc4c00", score="#9a6700", title="#0550ae",
    low="#cf222e", middle="#9a6700", high="#1a7f37",
)


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def rate_colour(value: float, colours: Palette) -> str:
    return colours.low if value < 0.5 else colours.middle if value < 0.8 else colours.high


def fit(label: str, width: int) -> str:
    """`label` cut to `width` cells, an ellipsis marking the cut."""
    if cell_len(label) <= width:
        return label
    if width <= 0:
        return ""
    out = ""
    for ch in label:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + ELLIPSIS


def _lines(lines: Sequence[Text]) -> Text:
    return Text("\n").join(lines) if lines else Text("")


class _Runs:
    """A line built from pieces, neighbours of one style merged: a plot of a few spans per
    line rather than one per cell is several times quicker for Textual to draw."""

    def __init__(self, text: str = "", style: str = ""):
        self.parts: list[list[str]] = []
        if text:
            self.add(text, style)

    def add(self, text: str, style: str = "") -> None:
        if self.parts and self.parts[-1][1] == style:
            self.parts[-1][0] += text
        else:
            self.parts.append([text, style])

    def text(self) -> Text:
        line = Text.assemble(*((t, s) for t, s in self.parts))
        line.rstrip()
        return line


# -- the calendar heatmap ----------------------------------------------------------------------

def heat_level(count: int, top: int) -> int:
    """0 for no reviews; else 1-LEVELS in proportion to the busiest day (which is LEVELS)."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(LEVELS * count / top)))


def heatmap(counts: Sequence[int], last_day: date, width: int, *, dark: bool = True) -> Text:
    """GitHub's calendar: a column per week (Monday on top), a row per weekday, month names
    above, a legend below. `counts` are reviews per day, oldest first, the last on `last_day`.
    Two cells per week when the width allows, else one; when even that is too wide, the most
    recent weeks that fit."""
    colours = palette(dark)
    first_day = last_day - timedelta(days=len(counts) - 1)
    start = first_day - timedelta(days=first_day.weekday())  # the Monday of the first week
    weeks = (last_day - start).days // 7 + 1
    prefix = 4  # "Mon "
    step = 2 if prefix + 2 * weeks <= width else 1
    shown = min(weeks, max(0, (width - prefix) // step))
    if shown == 0:
        return Text(fit("(too narrow for the calendar)", width), style="dim")
    mondays = [start + timedelta(weeks=w) for w in range(weeks - shown, weeks)]
    by_day = {first_day + timedelta(days=i): n for i, n in enumerate(counts)}
    visible = [n for d, n in by_day.items() if d >= mondays[0]]
    top = max(visible, default=0)

    months = [" "] * (prefix + shown * step)
    free_from = 0  # a month name never runs into the previous one
    for column, monday in enumerate(mondays):
        if monday.day > 7:  # the week holding the month's first Monday gets its name
            continue
        name = f"{monday:%b}"
        at = prefix + column * step
        if at >= free_from and at + len(name) <= width:
            months[at:at + len(name)] = list(name)
            free_from = at + len(name) + 1
    lines = [Text("".join(months).rstrip(), style="dim")]
    for weekday in range(7):
        line = _Runs(WEEKDAY_LABELS[weekday].ljust(prefix), "dim")
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            if day not in by_day:  # before the year began, or still to come
                line.add(" " * step)
                continue
            # the gap after a cell takes its style: neighbours of one level stay one span
            line.add(CELL + " " * (step - 1), colours.heat[heat_level(by_day[day], top)])
        lines.append(line.text())
    legend = Text("Less ", style="dim")
    for level in range(LEVELS + 1):
        legend.append(CELL, style=colours.heat[level])
        legend.append(" " if step == 2 else "")
    legend.append(" More" if step == 2 else "  More", style="dim")
    legend.append(f"   busiest day {top}", style="dim")
    legend.truncate(width)
    lines.append(legend)
    return _lines(lines)


# -- column charts -----------------------------------------------------------------------------

def columns(values: Sequence[float], labels: Sequence[str], width: int, *, colour: str, height: int = 6,
            top: float | None = None, fmt: Callable[[float], str] = lambda v: f"{v:g}") -> Text:
    """A vertical bar per value (eighths of a cell on top), the y axis marked at 0 and at the
    top value, the first, middle and last `labels` under their columns. `top`: the scale's
    maximum (default: the largest value). Two cells per column when they fit, else one; when
    even that is too wide, the latest values that fit."""
    top = max(values, default=0) if top is None else top
    scale = top if top > 0 else 1
    axis_labels = (fmt(top), fmt(0))
    gutter = max(cell_len(a) for a in axis_labels) + 1  # labels, then the axis line
    room = width - gutter
    step = 2 if 2 * len(values) <= room else 1
    shown = min(len(values), max(0, room // step))
    if shown == 0:
        return Text(fit("(too narrow for the chart)", width), style="dim")
    values, labels = list(values)[-shown:], list(labels)[-shown:]
    lines = []
    for row in range(height - 1, -1, -1):
        label = axis_labels[0] if row == height - 1 else axis_labels[1] if row == 0 else ""
        line = _Runs(label.rjust(gutter - 1) + ("┤" if label else "│"), "dim")
        for value in values:
            eighths = round(8 * height * min(value, scale) / scale) if value > 0 else 0
            if value > 0:
                eighths = max(eighths, 1)  # a day with anything at all shows
            fill = max(0, min(8, eighths - 8 * row))
            line.add(EIGHTHS_UP[fill] + " " * (step - 1), colour)
        lines.append(line.text())
    lines.append(Text(" " * (gutter - 1) + "└" + "─" * (shown * step - (step - 1)), style="dim"))
    lines.append(_x_labels(labels, gutter, step, width))
    return _lines(lines)


def _x_labels(labels: Sequence[str], gutter: int, step: int, width: int) -> Text:
    """The last label ending under the last column, the first under the first, the middle
    one centred, each only where it does not crowd one placed before it (the latest first)."""
    n = len(labels)
    row = [" "] * width
    placed: list[tuple[int, int]] = []

    def put(text: str, at: int) -> None:
        at = max(gutter, min(at, width - len(text)))
        end = at + len(text)
        if end > width or any(at < e + 2 and s < end + 2 for s, e in placed):
            return
        row[at:end] = list(text)
        placed.append((at, end))

    put(labels[-1], gutter + (n - 1) * step + 1 - len(labels[-1]))
    if n > 1:
        put(labels[0], gutter)
    if n > 2:
        put(labels[n // 2], gutter + (n // 2) * step - len(labels[n // 2]) // 2)
    return Text("".join(row).rstrip(), style="dim")


# -- horizontal bars ---------------------------------------------------------------------------

def _bar(fraction: float, width: int) -> str:
    """A bar of `fraction` (0-1) of `width` cells, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS_RIGHT[part] if part else "")


def hbars(rows: Sequence[tuple[str, float | None, str]], width: int, *, dark: bool = True,
          colour: str | None = None) -> Text:
    """One bar per (label, value 0-1 or None for no data, note), the note after the bar.
    Without `colour`, each bar is coloured by its value: under 50 %, under 80 %, above."""
    colours = palette(dark)
    if not rows:
        return Text("")
    label_w = min(max(cell_len(r[0]) for r in rows), max(8, width // 3))
    note_w = max(cell_len(r[2]) for r in rows)
    bar_w = width - label_w - note_w - 2
    if bar_w < 5:  # room for the bars first: notes are cut
        note_w = max(0, note_w - (5 - bar_w))
        bar_w = width - label_w - note_w - 2
    lines = []
    for label, value, note in rows:
        line = Text(fit(label, label_w).ljust(label_w) + " ")
        bar = _bar(value, bar_w) if value is not None else ""
        line.append(bar, style=colour or rate_colour(value or 0.0, colours))
        line.append("·" * (bar_w - cell_len(bar)), style="dim")
        line.append(" " + fit(note, note_w), style="dim" if value is None else "")
        line.rstrip()
        line.truncate(width)
        lines.append(line)
    return _lines(lines)


def stacked_bars(rows: Sequence[tuple[str, Mapping[str, int]]], width: int, *, dark: bool = True,
                 states: Sequence[str] = STATES) -> Text:
    """A bar per (label, counts by state), its length in proportion to the largest total,
    one colour per state; a legend with the totals underneath."""
    colours = palette(dark)
    if not rows:
        return Text("")
    totals = [sum(counts.get(s, 0) for s in states) for _, counts in rows]
    biggest = max(totals)
    label_w = min(max(cell_len(label) for label, _ in rows), max(8, width // 3))
    number_w = len(str(biggest))
    bar_w = max(1, width - label_w - number_w - 2)
    lines = []
    for (label, counts), total in zip(rows, totals):
        line = Text(fit(label, label_w).ljust(label_w) + " ")
        length = max(1, round(bar_w * total / biggest)) if total else 0
        for state, cells in zip(states, split_cells([counts.get(s, 0) for s in states], length)):
            line.append("█" * cells, style=colours.states[state])
        line.append(" " * (bar_w - length) + " " + str(total).rjust(number_w), style="dim")
        line.truncate(width)
        lines.append(line)
    items = []
    for state in states:
        item = Text(CELL, style=colours.states[state])
        item.append(f" {state} {sum(c.get(state, 0) for _, c in rows)}")
        items.append(item)
    lines.extend(_flow(items, width))
    return _lines(lines)


def split_cells(counts: Sequence[int], length: int) -> list[int]:
    """`length` cells shared in proportion to `counts` (largest remainder), every non-zero
    count getting at least one cell while the bar has cells to spare."""
    total = sum(counts)
    if not total or length <= 0:
        return [0] * len(counts)
    exact = [length * c / total for c in counts]
    cells = [int(x) for x in exact]
    for i in sorted(range(len(counts)), key=lambda i: -(exact[i] - cells[i]))[:length - sum(cells)]:
        cells[i] += 1
    for i, c in enumerate(counts):
        if c and not cells[i]:
            donor = max(range(len(cells)), key=lambda j: cells[j])
            if cells[donor] > 1:
                cells[donor] -= 1
                cells[i] = 1
    return cells


def _flow(items: Sequence[Text], width: int, gap: int = 3) -> list[Text]:
    """Legend items on as few lines as fit `width`."""
    lines: list[Text] = []
    line = Text("")
    for item in items:
        if line.cell_len and line.cell_len + gap + item.cell_len > width:
            lines.append(line)
            line = Text("")
        if line.cell_len:
            line.append(" " * gap)
        line.append_text(item)
    if line.cell_len:
        lines.append(line)
    for ln in lines:
        ln.truncate(width)
    return lines


# -- sparkline ---------------------------------------------------------------------------------

def sparkline(values: Sequence[float], width: int, *, low: float = 0.0, high: float = 100.0,
              colour: str = "") -> Text:
    """One cell per value, the latest that fit, on a fixed scale from `low` to `high`."""
    shown = list(values)[-width:] if width > 0 else []
    span = (high - low) or 1.0
    chars = "".join(SPARKS[round((len(SPARKS) - 1) * max(0.0, min(1.0, (v - low) / span)))] for v in shown)
    return Text(chars, style=colour)
