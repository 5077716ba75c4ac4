"""The router: how each place opens, from the home screen's keys, the command palette
(ctrl+p), a screen (a review's drill card) and the app's start.

Screens ask through `app.go(place, ...)` and never import one another; only this module
imports screens. Those that are costly to import are imported where they open, so that a quick
`flashdeck review` draws its first card without them.
"""

from __future__ import annotations

from typing import Callable

from flashdeck.tui.places import PLACES, Place, Start

__all__ = ["PLACES", "Place", "Start", "open_place", "preload_review", "start"]


def open_place(app, place: Place | str, **args) -> None:
    """Open `place` on top of whatever is showing ('home' goes back to it). `args` are the
    place's own: deck_ids for a review, drill_id (fresh, study) for a drill, deck_id and
    deck_title for an export; `then` is called with what the screen is dismissed with."""
    opener = _OPENERS[Place(place)]
    # a quick start (`flashdeck`, `flashdeck review`) may still be opening the database: the
    # place opens once it is open
    app.when_open(lambda: opener(app, **args))


def start(app, first: Start) -> None:
    """The first screen. A place the CLI opened (a review, a drill, a mock) quits when left;
    any other place opens over the home screen."""
    if first.place is Place.REVIEW:
        _review(app, app.deck_ids, topics=app.topics, cram=app.cram, leave_quits=True)
    elif first.place is Place.DRILL:
        _drill(app, first.drill_id, leave_quits=True)
    elif first.place is Place.MOCK:
        _mock_screen(app, app.mock_options, leave_quits=True)
    else:
        _home(app)
        if first.place is not Place.HOME:
            _OPENERS[first.place](app)


def preload_review() -> None:
    """Import the review screen now (16 ms): a quick `flashdeck review` calls this while its
    peek reads; the home screen's start does without it."""
    from flashdeck.tui.screens import review  # noqa: F401


def _home(app) -> None:
    from flashdeck.tui.screens.home import HomeScreen  # lazy: off a quick review's start (a quick home's counts need no SQLAlchemy)

    if any(isinstance(s, HomeScreen) for s in app.screen_stack):
        while not isinstance(app.screen, HomeScreen):
            app.pop_screen()
    else:
        app.push_screen(HomeScreen())


def _review(app, deck_ids: list[str] | None = None, *, topics: list[str] | None = None, cram: bool = False,
            leave_quits: bool = False) -> None:
    from flashdeck.tui.screens.review import ReviewScreen  # lazy: see preload_review

    app.push_screen(ReviewScreen(deck_ids, leave_quits=leave_quits, topics=topics, cram=cram))


def _cram(app) -> None:
    from flashdeck.services.selection import topic_counts  # SQLAlchemy
    from flashdeck.tui.screens.cram import CramSetupScreen  # the syllabus: ~60 ms

    def chosen(choice) -> None:
        if choice is not None:
            _review(app, None, topics=choice.topics, cram=choice.cram)

    app.push_screen(CramSetupScreen(topic_counts(app.ctx)), chosen)


def _drills(app) -> None:
    from flashdeck.tui.screens.drill import DrillListScreen  # SQLAlchemy

    app.push_screen(DrillListScreen())


def _drill(app, drill_id: str, *, fresh: bool = False, study=None, leave_quits: bool = False,
           then: Callable[[int | None], None] | None = None) -> None:
    """One drill; `then` gets the grade its attempt gave (None: left unfinished)."""
    from flashdeck.tui.screens.drill import DrillScreen  # SQLAlchemy

    app.push_screen(DrillScreen(drill_id, fresh=fresh, study=study, leave_quits=leave_quits), then)


def _mock(app, step: str = "setup", *, run=None, position: int | None = None, report=None, options=None,
          leave_quits: bool = False, then: Callable[[None], None] | None = None) -> None:
    """The mock interview, step by step. "setup": its form, then the interview; "drill": the
    coding question `position` of `run` over the interview (`then` once it closes);
    "review": `run`'s review in place of the interview; "report": `report` in place of the
    review. (The mock's screens open one another only through here.)"""
    if step == "drill":
        from flashdeck.tui.screens.mock_drill import MockDrillScreen  # SQLAlchemy

        app.push_screen(MockDrillScreen(run, position), then)
    elif step == "review":
        from flashdeck.tui.screens.mock_review import MockReviewScreen  # SQLAlchemy

        app.switch_screen(MockReviewScreen(run, options, leave_quits=leave_quits))
    elif step == "report":
        from flashdeck.tui.screens.mock_report import MockReportScreen  # SQLAlchemy

        app.switch_screen(MockReportScreen(report, options, leave_quits=leave_quits))
    elif step == "setup":
        from flashdeck.tui.screens.mock_setup import MockSetupScreen  # SQLAlchemy

        def chosen(options) -> None:
            if options is not None:
                _mock_screen(app, options)

        app.push_screen(MockSetupScreen(), chosen)
    else:
        raise ValueError(f"no mock step {step!r}")


def _mock_screen(app, options, *, leave_quits: bool = False) -> None:
    from flashdeck.tui.screens.mock import MockScreen  # SQLAlchemy

    app.push_screen(MockScreen(options, leave_quits=leave_quits))


def _stats(app) -> None:
    from flashdeck.tui.screens.stats import StatsScreen  # the plots and the report: ~200 ms

    app.push_screen(StatsScreen())


def _browse(app, query: str = "") -> None:
    from flashdeck.tui.screens.browse import BrowseScreen  # SQLAlchemy

    app.push_screen(BrowseScreen(query))


def _export(app, deck_id: str | None = None, deck_title: str | None = None) -> None:
    from flashdeck.tui.screens.export import ExportScreen  # lazy: Input and ProgressBar, off a quick review's start

    app.push_screen(ExportScreen(deck_id, deck_title))


def _settings(app) -> None:
    from flashdeck.tui.screens.settings import SettingsScreen  # lazy: Input and Checkbox, off a quick review's start

    app.push_screen(SettingsScreen())


_OPENERS: dict[Place, Callable[..., None]] = {
    Place.HOME: _home,
    Place.REVIEW: _review,
    Place.CRAM: _cram,
    Place.DRILLS: _drills,
    Place.DRILL: _drill,
    Place.MOCK: _mock,
    Place.STATS: _stats,
    Place.BROWSE: _browse,
    Place.LEECHES: lambda app: _browse(app, "is:leech"),
    Place.EXPORT: _export,
    Place.SETTINGS: _settings,
}
