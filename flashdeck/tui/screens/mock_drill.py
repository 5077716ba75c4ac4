"""The mock interview's coding question: the drill editor and judge with the mock's clock.

The code is the mock answer: no drill attempt, no workspace file, no hints, no solution; the
countdowns are on top, and it closes when the question's time is up. What a check earns is
the service's (MockRun.record_check, by domain.mock's rules): this screen only asks and
draws. A write that fails is said and retried (tui.mock_widgets.SavesOrRetries): the question
is not locked, nor the screen left, as if it had been saved.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from flashdeck.domain.mock import clock_text
from flashdeck.services import drills as drill_service
from flashdeck.services.mock import MockRun
from flashdeck.tui.actions import bindings
from flashdeck.tui.drill_editor import DrillEditorScreen
from flashdeck.tui.mock_widgets import TICK_SECONDS, UNSAVED_CSS, SavesOrRetries, unsaved_banner
from flashdeck.tui.widgets.card_text import CardText


class MockDrillScreen(SavesOrRetries, DrillEditorScreen):
    """The drill editor and judge for the mock's coding question: the code is the mock answer,
    no hints, no solution, the countdowns on top; it closes when the question's time is up."""

    DEFAULT_CSS = "MockDrillScreen " + UNSAVED_CSS
    BINDINGS = bindings("MockDrillScreen")

    def __init__(self, run: MockRun, position: int):
        card = run.card(position)
        drill_id = card.drill if card is not None else run.answers[position].card_key.split("/")[-1]
        super().__init__(drill_service.find_drill(drill_id))
        self.run = run
        self.position = position

    def on_mount(self) -> None:
        # no drill attempt and no workspace file: the code is the mock's answer
        self.mount(unsaved_banner(), after=self.query_one("#drill-status"))
        a = self.run.answers[self.position]
        starter = self.drill.starter()
        code = a.answer or starter
        self.query_one("#prompt", CardText).show(self.drill.prompt())
        self.load_code(code, select_todo=code == starter)
        self.query_one("#solution").display = False
        self.query_one("#hints").display = False
        self._set_results(Text.from_markup(
            "[b]Ctrl+R[/b] runs the checks. No hints or solutions during the mock.\n"
            "[b]Ctrl+N[/b] when you are done (locks it); [b]Esc[/b] back to the question, the clock keeps running."))
        self.set_interval(TICK_SECONDS, self.tick)
        self._update_status()
        self.warm_judge()

    @property
    def detail(self) -> dict:
        return dict(self.run.answers[self.position].detail)

    def show_gone(self) -> None:
        """Another window changed the mock: back to the question screen, which says so."""
        self._back()

    def _back(self) -> None:
        # once only: a second dismiss would pop the question screen under it
        if self.app.screen is self:
            self.dismiss(None)

    # -- writing: the code first (the same code again writes nothing), then the rest --------

    def _write_code(self) -> None:
        code = self.code
        self.run.save_code(self.position, code, starter=self.drill.starter())
        self._saved_code = code

    def tick(self) -> None:
        if self.run.gone is not None:
            self._back()
            return
        if self.run.answers[self.position].locked or self.run.state != "running" or self.unsaved:
            self._update_status()  # not saved: the retry writes the code and the time
            return
        if not self._save("your code and the time", self._tick_write):
            self._update_status()

    def _tick_write(self) -> None:
        self._write_code()
        locked = self.run.tick()
        if self.position in locked:
            self.notify("Time is up for the coding question: your code is locked.", timeout=4)
            self._back()
            return
        self._update_status()

    def save(self) -> None:
        a = self.run.answers[self.position]
        code = self.code
        if a.locked or code == self._saved_code and a.answer or self.run.gone is not None:
            return
        if self.unsaved:  # the pending write saves the code first, as it is then
            return
        self._save("your code", self._write_code)  # also from the autosave timer

    def check_done(self, code: str, result) -> None:
        self.checking = False
        if self.judge_state != "ready" and result.error is None:
            self.judge_state = "ready"
        if self.run.gone is not None:
            self._back()  # the question screen says why
            return
        # no diagnosis during the interview: naming the mistake would answer the question
        self._set_results(self.report_text(result, verbose=False, diagnosis=False,
                                           passed="✓ All cases pass. Ctrl+N locks it and moves on."))
        if not self.run.answers[self.position].locked:
            def write() -> None:  # the check is counted last: a retry counts it once
                self._write_code()
                named = result.diagnosis
                self.run.record_check(self.position, code, starter=self.drill.starter(), passed=bool(result.passed),
                                      cases_passed=result.n_passed, cases_total=len(result.cases),
                                      mistake=(named.headline(), named.explanation) if named else None)

            self._save("this check's result", write)
        if self.app.screen is self:
            self._update_status()

    def check_action(self, action: str, parameters) -> bool | None:
        # refused below and kept out of the footer; a fresh start is the drill screen's
        return action not in ("hint", "give_up", "start_fresh")

    def action_hint(self) -> None:
        self.notify("No hints during a mock interview.", timeout=3)

    def action_give_up(self) -> None:
        self.notify("No solutions during a mock interview: Ctrl+N ends this question.", timeout=3)

    def action_done(self) -> None:
        if self.run.gone is not None:
            self._back()
            return

        def write() -> None:
            self._write_code()
            if self.run.current == self.position and self.run.state == "running":
                self.run.lock_current()
            self._back()

        self._save("locking the coding question", write)

    def action_pause(self) -> None:
        if self.run.gone is not None:
            self._back()
            return

        def write() -> None:
            self._write_code()
            self.run.pause()
            self._back()  # the question screen shows the pause (and hides the question)

        self._save("pausing the mock", write)

    def action_start_fresh(self) -> None:
        pass  # (refused by check_action: a mock answer has no attempts to start afresh)

    def action_leave(self) -> None:
        if self.leave_editor() or self.refuse_while_unsaved():
            return

        def write() -> None:
            if self.run.gone is None:
                self._write_code()
            self._back()

        self._save("your code", write)

    def on_unmount(self) -> None:
        try:
            if self.run.gone is None:
                self._write_code()
        except Exception:  # noqa: BLE001 - the app is closing; the last save is at most a tick old
            pass

    def _update_status(self) -> None:
        run = self.run
        if not self.is_mounted:
            return
        r = run.reading()
        d = self.detail
        checks = d.get("checks", 0)
        state = "[b green]passes[/]" if d.get("passed") else f"checks {checks}"
        if r.current == self.position:
            clock = (f"[b]{clock_text(r.question_left)}[/b] left of {clock_text(run.answers[self.position].allowed_ms / 1000)}"
                     f" · interview [b]{clock_text(r.total_left)}[/b] left")
        else:
            clock = "locked"
        status = self.query_one("#drill-status", Static)
        status.update(f"[b]Mock · coding question {self.position + 1}/{len(run.answers)}[/b] · {self.drill.id} · "
                      f"{clock} · {state} · {'checking…' if self.checking else self.judge_text()}")
        status.set_class(r.question_warning or r.total_warning, "warn")
