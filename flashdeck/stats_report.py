"""`flashdeck stats` as plain-text tables (the --json figures, for people)."""

from __future__ import annotations

from datetime import date

STATES = ("new", "learning", "young", "mature", "suspended")
TOPIC_ROWS = 12


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """Columns sized to fit; `align` is one 'l' or 'r' per column (numbers right)."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def _percent(rate) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%a %d %b}"


def render(f: dict) -> str:
    today = f["today"]
    out = [
        f"Study day {f['study_day']}",
        "",
        table(["Today", ""], [
            ["Due today", f["due_today"]],
            ["New available", f["new_available"]],
            ["Reviews today", f"{today['reviews']} ({today['cards']} cards, {_duration(today['seconds'])})"],
            ["Streak", f"{f['streak_days']} day{'s' if f['streak_days'] != 1 else ''}"],
            ["Cards", f["cards_total"]],
            ["Suspended", f["suspended"]],
            ["Leeches", f"{f['leeches']} (lapsed {f['leech_threshold']}+ times)" if f["leech_threshold"] else "off"],
            ["Reviews (all time)", f["reviews_total"]],
        ], "lr"),
    ]
    r = f["retention"]
    out += ["", f"Retention (last {r['window_days']} days, mature cards: interval >= {r['min_interval']} days, "
                f"graded >= 3): {_percent(r['rate'])} of {r['reviews']} review(s)"]

    out += ["", "Cards by state", table(
        ["Deck", *[s.capitalize() for s in STATES], "Total"],
        [[d["title"], *[d[s] for s in STATES], d["total"]] for d in f["cards_by_state"]]
        + [["All decks", *[sum(d[s] for d in f["cards_by_state"]) for s in STATES], f["cards_total"]]])]

    forecast = f["due_forecast"]
    weeks = [forecast[i:i + 7] for i in range(0, len(forecast), 7)]
    out += ["", "Due forecast (overdue counted today)", table(
        ["From", "To", "Due", "Busiest day"],
        [[_day(w[0]["date"]), _day(w[-1]["date"]), sum(d["due"] for d in w),
          max(w, key=lambda d: d["due"])["due"]] for w in weeks])]

    days = [d for d in f["reviews_per_day"] if d["reviews"]]
    total_reviews = sum(d["reviews"] for d in f["reviews_per_day"])
    total_time = sum(d["seconds"] for d in f["reviews_per_day"])
    out += ["", f"Reviews per day (last 30 days: {total_reviews} reviews, {_duration(total_time)}, "
                f"{len(days)} day(s) studied)"]
    if days:
        out.append(table(["Day", "Reviews", "Time"], [[_day(d["date"]), d["reviews"], _duration(d["seconds"])]
                                                      for d in days[-10:]]))

    topics = f["topics"]
    if topics:
        shown = topics[:TOPIC_ROWS]
        out += ["", f"Topic mastery, weakest first ({len(shown)} of {len(topics)})", table(
            ["Topic", "Mastery", "Cards", "New", "Mature", "Pass rate 30d"],
            [[t["topic"], _percent(t["mastery"]), t["cards"], t["new"], t["mature"], _percent(t["pass_rate_30d"])]
             for t in shown])]
    return "\n".join(out)
