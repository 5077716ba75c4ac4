"""The mock interview's review, untimed: each answer beside the reference and the key points
it covered; the learner confirms or adjusts each grade 0-5, then finishes (the grades go
through SM-2 unless it is practice only) and sees the report.

Every grade is on disk before the next answer is shown: a write that fails is said, retried,
and the answer stays (tui.mock_widgets.SavesOrRetries).
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from flashdeck.domain.mock import clock_text
from flashdeck.services import answers
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockOptions, MockRun
from flashdeck.tui.actions import bindings
from flashdeck.tui.mock_widgets import (
    KIND_LABEL,
    UNSAVED_CSS,
    SavesOrRetries,
    formula_detail,
    grade_label,
    leave,
    unsaved_banner,
)
from flashdeck.tui.places import Place
from flashdeck.tui.widgets.card_text import CardText


class MockReviewScreen(SavesOrRetries, Screen):
    """Each answer beside the reference and the key points it covered; confirm or adjust 0-5
    (math and drill grades come from the checkers). A grade not saved keeps its answer on
    screen, retried, until it is (SavesOrRetries)."""

    DEFAULT_CSS = """
    MockReviewScreen #rv-status, MockReviewScreen #rv-keys { height: auto; padding: 0 1; background: $boost; }
    MockReviewScreen #rv-body { height: 1fr; padding: 0 2; }
    MockReviewScreen .rv-label { margin-top: 1; color: $text-muted; }
    MockReviewScreen #rv-answer { padding: 0 1; border: round $primary-darken-2; }
    MockReviewScreen #rv-points, MockReviewScreen #rv-check { margin-top: 1; }
    MockReviewScreen """ + UNSAVED_CSS
    BINDINGS = bindings("MockReviewScreen")

    def __init__(self, run: MockRun, options: MockOptions | None = None, *, leave_quits: bool = False):
        super().__init__()
        self.run = run
        self.options = options or MockOptions()
        self.leave_quits = leave_quits
        self.index = 0
        self.checking = False
        self.stopped = False  # another window changed the mock: nothing more is shown or saved

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="rv-status")
        yield unsaved_banner()
        with VerticalScroll(id="rv-body"):
            yield CardText(id="rv-front")
            yield Static("Your answer", classes="rv-label")
            yield Static(id="rv-answer")
            yield Static(id="rv-check")
            yield Static("Reference answer", classes="rv-label")
            yield CardText(id="rv-back")
            yield Static(id="rv-points")
        yield Static(id="rv-keys")
        yield Footer()

    def on_mount(self) -> None:
        first = next((a.position for a in self.run.answers if a.grade is None), 0)
        self.index = first
        if self.run.needs_formula_check():
            self.checking = True
            self.check_formulas()
        self.show()

    @work(thread=True, exit_on_error=False, group="formulas")
    def check_formulas(self) -> None:
        results = []
        for position in self.run.needs_formula_check():
            a = self.run.answers[position]
            verdict = answers.check_formula(self.run.card(position), a.answer)
            results.append((position, a.answer, verdict))
        self.app.call_from_thread(self.formulas_checked, results)

    def formulas_checked(self, results) -> None:
        self.checking = False
        if self.stopped:
            return

        def write() -> None:
            for position, typed, verdict in results:
                grade = verdict.suggested_grade if verdict.readable else 0
                self.run.set_auto(position, grade, formula_detail(typed, verdict))
            self.show()

        self._save("the formula checks' grades", write)

    def show_gone(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self._clear_unsaved()
        message = str(self.run.gone)
        self.query_one("#rv-body").display = False
        self.query_one("#rv-status", Static).update(Text(message, style="bold"))
        self.query_one("#rv-keys", Static).update("[b]Esc[/b] leave")
        self.notify(message, severity="warning", timeout=8)

    def suggestion(self, position: int) -> int | None:
        return self.run.answers[position].auto_grade

    def fixed(self, position: int) -> bool:
        """Math and drill grades come from the checkers: confirmed, not chosen."""
        return self.run.answers[position].kind in ("math", "drill")

    def show(self) -> None:
        if self.stopped:
            return
        run = self.run
        a = run.answers[self.index]
        card = run.card(self.index)
        graded = sum(x.grade is not None for x in run.answers)
        lock = "time ran out" if a.used_ms >= a.allowed_ms else "locked by you"
        carried = a.allowed_ms / 1000 - a.budget_seconds
        allowed = (f"{clock_text(a.allowed_ms / 1000)} ({clock_text(a.budget_seconds)} + {clock_text(carried)} "
                   "carried over from earlier questions)" if carried >= 1 else clock_text(a.budget_seconds))
        self.query_one("#rv-status", Static).update(
            f"[b]Review {self.index + 1}/{len(run.answers)}[/b] · {KIND_LABEL[a.kind]} · {', '.join(a.topics)} · "
            f"time used {clock_text(a.used_ms / 1000)} of {allowed} ({lock})      "
            f"[b]{graded}[/b]/{len(run.answers)} graded")
        self.query_one("#rv-front", CardText).show(card.front if card else a.card_key)
        shown = a.answer if a.answer.strip() else "(no answer)"
        answer = self.query_one("#rv-answer", Static)
        answer.update(Text(shown))
        check = self.query_one("#rv-check", Static)
        check.display = a.kind in ("math", "drill")
        if a.kind == "math":
            d = a.detail
            if self.checking and a.position in run.needs_formula_check():
                check.update("[dim]checking the formula…[/dim]")
            else:
                mark = "[b green]✓[/]" if d.get("correct") else "[b red]✗[/]"
                given = f"\n\nYou:\n{escape(d['given'])}" if d.get("given") else ""
                expected = f"\n\nReference:\n{escape(d['expected'])}" if d.get("expected") else ""
                check.update(f"{mark} {escape(d.get('message', 'no readable formula'))}{given}{expected}")
        elif a.kind == "drill":
            d = a.detail
            if d.get("passed"):
                check.update(f"[b green]✓ passed[/] after {d.get('checks', 1)} check(s)")
            elif d.get("checks"):
                mistake = d.get("mistake")
                named = f"\n\n[b yellow]{escape(mistake[0])}[/]\n{escape(mistake[1])}" if mistake else ""
                check.update(f"[b red]✗ not passing[/]: {d.get('cases_passed', 0)}/{d.get('cases_total', 0)} cases "
                             f"on the last of {d['checks']} check(s){named}")
            else:
                check.update("[b red]✗ never checked[/]")
        back = self.query_one("#rv-back", CardText)
        back.show((card.back if card else "") + (f"\n\n**Why.** {card.explanation}" if card and card.explanation else ""))
        points = self.query_one("#rv-points", Static)
        if card is not None and card.key_points:
            lines = ["[b]Key points you covered[/b]"]
            for p in answers.key_points(card, a.answer):
                label = escape(" / ".join(p.phrasings))
                lines.append(f"  [green]✓[/] {label}" if p.covered else f"  [red]✗[/] {label}")
            points.update("\n".join(lines))
            points.display = True
        else:
            points.display = False
        self.query_one("#rv-body", VerticalScroll).scroll_home(animate=False)
        self._draw_keys()

    def _draw_keys(self) -> None:
        a = self.run.answers[self.index]
        grade = "" if a.grade is None else f"graded [b]{a.grade}[/b] · "
        suggestion = self.suggestion(self.index)
        if self.fixed(self.index):
            choice = ("checking…" if suggestion is None else
                      f"the checker's grade [b]{suggestion}[/b]: [b]Enter[/b] confirms it")
        else:
            choice = "   ".join(f"[b]{q}[/b] {grade_label(q)}" for q in range(6))
            if suggestion is not None:
                choice += f"   [b]Enter[/b] accept {suggestion}"
        done = all(x.grade is not None for x in self.run.answers)
        self.query_one("#rv-keys", Static).update(
            f"{grade}{choice}\n[b]←/→[/b] previous/next"
            + ("   [b]f[/b] finish and see the report" if done else ""))

    def action_grade(self, quality: int) -> None:
        if self.stopped:
            return
        if self.fixed(self.index):
            self.notify("This grade comes from the checker: Enter confirms it.", timeout=3)
            return
        self._confirm(quality)

    def action_accept(self) -> None:
        if self.stopped:
            return
        suggestion = self.suggestion(self.index)
        if suggestion is None:
            self.notify("No suggested grade here: choose 0-5." if not self.fixed(self.index)
                        else "Still checking…", timeout=3)
            return
        self._confirm(suggestion)

    def _confirm(self, grade: int) -> None:
        index = self.index

        def write() -> None:  # on to the next answer only once the grade is on disk
            self.run.confirm(index, grade)
            following = [a.position for a in self.run.answers if a.grade is None and a.position > index]
            earlier = [a.position for a in self.run.answers if a.grade is None]
            nxt = (following or earlier or [None])[0]
            if nxt is None:
                self.notify("Every answer is graded: f finishes and shows the report.", timeout=4)
            else:
                self.index = nxt
            self.show()

        self._save(f"grade {grade} for question {index + 1}", write)

    def action_move(self, step: int) -> None:
        if self.stopped or self.refuse_while_unsaved():
            return
        self.index = (self.index + step) % len(self.run.answers)
        self.show()

    def action_finish(self) -> None:
        if self.stopped:
            return
        missing = [a.position + 1 for a in self.run.answers if a.grade is None]
        if missing:
            self.notify(f"Grade question(s) {', '.join(map(str, missing))} first.", timeout=3)
            return
        self._save("finishing the mock", self._finish)

    def _finish(self) -> None:
        report = self.run.finish()  # the grades and the schedule, in one write
        if self.options.report is not None:
            path = mock_service.write_report(report, self.options.report)
            self.notify(f"Report written to {path}", timeout=6)
        self.app.go(Place.MOCK, step="report", report=report, options=self.options, leave_quits=self.leave_quits)

    def action_leave(self) -> None:
        if self.refuse_while_unsaved():
            return
        leave(self, self.leave_quits)  # the review stays unfinished: the next mock offers it
