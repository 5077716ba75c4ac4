"""The places of the app, and where it starts: names only, no screens (the router,
tui.navigation, opens them), so that screens, the app and the CLI can all name a place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Place(StrEnum):
    HOME = "home"
    REVIEW = "review"
    CRAM = "cram"
    DRILLS = "drills"
    DRILL = "drill"  # one drill: give its id
    MOCK = "mock"
    STATS = "stats"
    BROWSE = "browse"
    LEECHES = "leeches"
    EXPORT = "export"
    SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class Start:
    """The first screen: a place, and for a drill its id. Leaving a start other than home quits."""

    place: Place = Place.HOME
    drill_id: str | None = None

    def __post_init__(self) -> None:
        if (self.place is Place.DRILL) != (self.drill_id is not None):
            raise ValueError("a drill start, and only a drill start, names a drill")

    @classmethod
    def of(cls, start: Start | str) -> Start:
        """A Start, or what the CLI passes: "home", "review", "mock", "drill:ID"."""
        if isinstance(start, Start):
            return start
        if start.startswith("drill:"):
            return cls(Place.DRILL, start.removeprefix("drill:"))
        return cls(Place(start))


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    name: Place
    title: str  # what the palette lists (and fuzzy-matches)
    help: str


# Every place the command palette (ctrl+p) opens; the home screen's keys open the same ones,
# so that no screen is reachable only one way.
PLACES = (
    PaletteEntry(Place.HOME, "Home", "Your decks with what is due today"),
    PaletteEntry(Place.REVIEW, "Review all due cards", "Today's review across every deck"),
    PaletteEntry(Place.CRAM, "Study or cram topics",
                 "Every card of chosen topics now, due or not; cram leaves the schedule alone"),
    PaletteEntry(Place.DRILLS, "Coding drills", "Implement ML functions in NumPy, checked against PyTorch"),
    PaletteEntry(Place.MOCK, "Mock interview", "A timed mix of questions drawn from your weak spots"),
    PaletteEntry(Place.STATS, "Statistics",
                 "Heatmap, forecast, retention, cards by state, topic mastery, drills, mocks"),
    PaletteEntry(Place.BROWSE, "Browse cards", "Search cards by text, deck, topic and state; history, suspend, edit"),
    PaletteEntry(Place.LEECHES, "Leeches", "Cards that lapse again and again (suspended): rewrite them"),
    PaletteEntry(Place.EXPORT, "Export to Anki", "Every deck to an .apkg file"),
    PaletteEntry(Place.SETTINGS, "Settings", "The settings in effect and where config.toml is"),
)
