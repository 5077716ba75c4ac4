"""Every place in the app, opened the same way from the home screen's keys and from the
command palette (ctrl+p), so that no screen is reachable only one way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    title: str  # what the palette lists (and fuzzy-matches)
    help: str


PLACES = (
    Place("home", "Home", "Your decks with what is due today"),
    Place("review", "Review all due cards", "Today's review across every deck"),
    Place("cram", "Study or cram topics", "Every card of chosen topics now, due or not; cram leaves the schedule alone"),
    Place("drills", "Coding drills", "Implement ML functions in NumPy, checked against PyTorch"),
    Place("mock", "Mock interview", "A timed mix of questions drawn from your weak spots"),
    Place("stats", "Statistics", "Heatmap, forecast, retention, cards by state, topic mastery, drills, mocks"),
    Place("browse", "Browse cards", "Search cards by text, deck, topic and state; history, suspend, edit"),
    Place("leeches", "Leeches", "Cards that lapse again and again (suspended): rewrite them"),
    Place("export", "Export to Anki", "Every deck to an .apkg file"),
    Place("settings", "Settings", "The settings in effect and where config.toml is"),
)


def open_place(app, name: str) -> None:
    """Open `name` on top of whatever is showing ('home' goes back to it)."""
    if app.ctx is None:  # a quick `flashdeck review` is still opening the database
        app.notify("Still opening your collection… one moment.", timeout=2)
        return
    if name == "home":
        _go_home(app)
    elif name == "review":
        from flashdeck.tui.screens.review import ReviewScreen

        app.push_screen(ReviewScreen(None))
    elif name == "cram":
        _choose_topics(app)
    elif name == "drills":
        from flashdeck.tui.screens.drill import DrillListScreen

        app.push_screen(DrillListScreen())
    elif name == "mock":
        from flashdeck.tui.screens.mock import MockScreen, MockSetupScreen

        def start_mock(options) -> None:
            if options is not None:
                app.push_screen(MockScreen(options))

        app.push_screen(MockSetupScreen(), start_mock)
    elif name == "stats":
        from flashdeck.tui.screens.stats import StatsScreen

        app.push_screen(StatsScreen())
    elif name in ("browse", "leeches"):
        from flashdeck.tui.screens.browse import BrowseScreen

        app.push_screen(BrowseScreen("is:leech" if name == "leeches" else ""))
    elif name == "export":
        from flashdeck.tui.screens.export import ExportScreen

        app.push_screen(ExportScreen(None, None))
    elif name == "settings":
        from flashdeck.tui.screens.settings import SettingsScreen

        app.push_screen(SettingsScreen())
    else:
        raise ValueError(f"no place called {name!r}")


def _go_home(app) -> None:
    from flashdeck.tui.screens.home import HomeScreen

    stack = app.screen_stack
    if any(isinstance(s, HomeScreen) for s in stack):
        while not isinstance(app.screen, HomeScreen):
            app.pop_screen()
    else:
        app.push_screen(HomeScreen())


def _choose_topics(app) -> None:
    from flashdeck.services.selection import topic_counts
    from flashdeck.tui.screens.cram import CramSetupScreen
    from flashdeck.tui.screens.review import ReviewScreen

    def chosen(choice) -> None:
        if choice is not None:
            app.push_screen(ReviewScreen(None, topics=choice.topics, cram=choice.cram))

    app.push_screen(CramSetupScreen(topic_counts(app.ctx)), chosen)
