"""The timed mock interview: the resume offer and the timed questions (the setup form, the
coding question, the review and the report are screens of their own: mock_setup, mock_drill,
mock_review, mock_report; they open one another through the router, tui.navigation).

The clock is the Context's (tests inject a FakeClock and call `tick()`); a 0.5 s interval
ticks it for real. Nothing of a reference answer, hint or solution is drawn while the clock
runs. sympy is imported only inside worker threads (services.answers), torch only in the
drill judge's process.

When another window discards, scores, resumes or finishes the same mock, the service refuses
this window's next write (MockGone); the screens only say so, in one line, and stop. A write
that does not reach the disk (WriteFailed) is said, retried, and nothing moves on until it
lands (tui.mock_widgets.SavesOrRetries).
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Static, TextArea

from flashdeck.domain import mock as domain
from flashdeck.domain.mock import clock_text
from flashdeck.services import answers
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockGone, MockOptions, MockRun
from flashdeck.tui.actions import bindings
from flashdeck.tui.dialogs import ConfirmScreen
from flashdeck.tui.mock_widgets import (
    KIND_LABEL,
    TICK_SECONDS,
    UNSAVED_CSS,
    SavesOrRetries,
    formula_detail,
    leave,
    unsaved_banner,
)
from flashdeck.tui.places import Place
from flashdeck.tui.widgets.card_text import CardText


class ResumeScreen(ModalScreen[str | None]):
    """An unfinished mock: resume it, score it as it stands, or discard it and start anew."""

    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    ResumeScreen > Static { width: 70; padding: 1 2; border: thick $warning; background: $surface; }
    """
    BINDINGS = bindings("ResumeScreen")

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class MockScreen(SavesOrRetries, Screen):
    """The timed part: one question at a time, both countdowns always on screen. A write that
    does not reach the disk is said and retried; the question does not change until it lands."""

    DEFAULT_CSS = """
    MockScreen #mock-clock { height: auto; padding: 0 1; background: $boost; }
    MockScreen #mock-clock.warn { background: $warning 40%; }
    MockScreen #mock-clock.over { background: $error 50%; }
    MockScreen #mock-body { height: 1fr; padding: 0 2; }
    MockScreen #mock-typed { height: 10; margin-top: 1; }
    MockScreen #mock-formula { margin-top: 1; }
    MockScreen #mock-symbols, MockScreen #mock-feedback { margin-top: 1; }
    MockScreen #mock-keys { height: auto; padding: 0 1; background: $boost; }
    MockScreen """ + UNSAVED_CSS
    BINDINGS = bindings("MockScreen")

    def __init__(self, options: MockOptions | None = None, *, leave_quits: bool = False):
        super().__init__()
        self.options = options or MockOptions()
        self.leave_quits = leave_quits
        self.run: MockRun | None = None
        self.plan = None
        self.shown: int | None = None  # the question drawn
        self.warned: set[tuple[str, int]] = set()
        self.ended = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="mock-clock")
        yield unsaved_banner()
        with VerticalScroll(id="mock-body"):
            yield CardText(id="mock-front")
            yield Static(id="mock-symbols")
            yield Input(id="mock-formula", placeholder="type the formula, e.g. 4*d**2 + 4*d   (Enter checks it can be read)",
                        select_on_focus=False)  # a resumed answer is continued, not replaced
            yield TextArea(id="mock-typed", soft_wrap=True, show_line_numbers=False)
            yield Static(id="mock-feedback")
        yield Static(id="mock-keys")
        yield Footer()

    def on_mount(self) -> None:
        self._hide_inputs()
        self.set_interval(TICK_SECONDS, self.tick)
        waiting = mock_service.resumable(self.app.ctx)
        if waiting is None:
            self.show_ready()
            return
        kept = mock_service.answers_of(self.app.ctx, waiting.id)
        done = sum(a.locked for a in kept)
        started = mock_service.local_time(self.app.ctx, waiting.started_at)
        phase = "its review is unfinished" if waiting.state == "review" else f"{done} of {len(kept)} questions locked"
        self.app.push_screen(ResumeScreen(
            f"[b]An unfinished mock interview[/b] (#{waiting.id}, {waiting.minutes} min, started "
            f"{started:%a %d %b %H:%M}): {phase}.\n\n"
            "[b]r[/b] resume it (the time away counts as a pause)\n"
            "[b]s[/b] score it as it stands (open questions are locked as they are)\n"
            "[b]n[/b] discard it and start a new one\n[b]Esc[/b] back"), lambda choice: self._resume_choice(waiting.id, choice))

    def _resume_choice(self, session_id: int, choice: str | None) -> None:
        if choice is None:
            leave(self, self.leave_quits)
            return
        what = {"new": "discarding the unfinished mock", "score": "scoring the mock as it stands"}
        self._save(what.get(choice, "resuming the mock"), lambda: self._resume(session_id, choice))

    def _resume(self, session_id: int, choice: str) -> None:
        ctx = self.app.ctx
        if choice == "new":
            if not mock_service.discard(ctx, session_id):
                self.notify("That mock was finished in another window meanwhile: it is kept.", timeout=6)
            self.show_ready()
            return
        if self.run is None or self.run.id != session_id:  # (a retry has it open already)
            run = MockRun.open(ctx, session_id)
            if run.state not in ("running", "paused", "review"):  # finished or discarded elsewhere meanwhile
                self.notify(str(MockGone(run.id, run.state)), severity="warning", timeout=6)
                self.show_ready()
                return
            self.run = run
        if choice == "score":
            self.run.score_now()
        else:
            self.run.resume()
        self.after_change()

    # -- another window changed the mock -----------------------------------------------------

    def show_gone(self) -> None:
        """The run is gone (its MockGone says how): nothing more is drawn of it or saved."""
        if self.ended:
            return
        self.ended = True  # the tick stops; after_change no longer draws questions
        self._clear_unsaved()
        self.shown = None
        self._hide_inputs()
        self.refresh_bindings()
        message = str(self.run.gone)
        self.query_one("#mock-clock", Static).update(Text(message, style="bold"))
        self.query_one("#mock-clock").set_classes("over")
        self.query_one("#mock-front", CardText).show(f"# Mock interview stopped\n\n{message}")
        self.query_one("#mock-keys", Static).update("[b]Esc[/b] leave")
        self.set_focus(None)
        self.notify(message, severity="warning", timeout=8)

    # -- before the clock starts ---------------------------------------------------------

    def show_ready(self) -> None:
        o = self.options
        try:
            self.plan = mock_service.make_plan(self.app.ctx, o.minutes, questions=o.questions,
                                               topics=list(o.topics), seed=o.seed)
        except mock_service.PlanError as exc:
            self.query_one("#mock-front", CardText).show(f"# No mock interview\n\n{exc}.")
            self.query_one("#mock-keys", Static).update("[b]Esc[/b] back")
            return
        p = self.plan
        kinds = [q.kind for q in p.questions]
        counts = ", ".join(f"{kinds.count(k)} {KIND_LABEL[k]}" for k in domain.KIND_ORDER if k in kinds)
        drill = next((q for q in p.questions if q.kind == "drill"), None)
        lines = [
            "# Mock interview", "",
            f"**{p.minutes} minutes**, {len(p.questions)} questions: {counts}."
            + (f" The coding drill comes last, with {clock_text(drill.seconds)} of its own." if drill else ""),
            "",
            f"Topics: {', '.join(p.topics) if p.topics else 'all'} · seed {p.seed} "
            f"(`flashdeck mock --seed {p.seed}` asks the same questions)"
            + (" · **practice only**: the schedule will not move" if o.no_schedule else ""),
            "",
            *[f"*{note}*" for note in p.notes],
            "",
            "While the clock runs: each question has its own countdown; when it is up, the answer "
            "is locked and the next question opens. Answers are saved as you type. **Ctrl+N** locks "
            "an answer early and moves on; **Ctrl+O** pauses (recorded in the report). No answers "
            "or hints until the end; then you review each answer and confirm its grade.",
        ]
        self.query_one("#mock-front", CardText).show("\n".join(lines))
        self.query_one("#mock-clock", Static).update(f"[b]Ready[/b] · {p.minutes}:00 on the clock")
        self.query_one("#mock-keys", Static).update("[b]Enter[/b] start the clock   [b]Esc[/b] leave")
        self.set_focus(None)
        if self.app.first_card_probe:  # benchmark/test hook: the modules imported so far
            self.call_after_refresh(self.app.first_card_shown)

    def start(self) -> None:
        def write() -> None:
            self.run = MockRun.start(self.app.ctx, self.plan, no_schedule=self.options.no_schedule)
            self.after_change()

        self._save("starting the mock", write)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("next", "pause"):  # shown in the footer only once the clock runs
            return self.run is not None and self.run.timed and self.run.gone is None
        return True

    # -- the clock -----------------------------------------------------------------------

    def tick(self) -> None:
        """Account the time; lock and move on when a question's time is up."""
        run = self.run
        if run is None or self.ended or not self.is_current:
            return  # the drill screen on top ticks for itself
        if run.state == "running" and not self.unsaved:  # not saved: the retry saves the time
            if self._save("your answer and the time", self._tick_write) or self.ended:
                return
        self._draw_clock()

    def _tick_write(self) -> None:
        self._save_typed()
        locked = self.run.tick()
        if locked:
            self.notify(f"Time is up for question {locked[-1] + 1}: its answer is locked.", timeout=4)
            self.after_change()
            return
        self._draw_clock()

    def _draw_clock(self) -> None:
        run = self.run
        clock = self.query_one("#mock-clock", Static)
        if run is None or run.current is None:
            return
        r = run.reading()
        a = run.answers[r.current]
        paused = run.state == "paused"
        carried = f" + {clock_text(a.carried_ms / 1000)} carried" if a.carried_ms >= 1000 else ""
        text = (f"[b]Question {r.current + 1}/{len(run.answers)}[/b] · {KIND_LABEL[a.kind]} · "
                f"[b]{clock_text(r.question_left)}[/b] left of {clock_text(a.budget_seconds)}{carried}"
                f"      [b]Interview[/b] [b]{clock_text(r.total_left)}[/b] left")
        if paused:
            text += f"      [b reverse] PAUSED [/] (pauses so far: {run.info.pause_count})"
        clock.update(text)
        clock.set_class(r.question_warning or r.total_warning, "warn")
        clock.set_class(r.question_left <= 10, "over")
        if paused:
            return
        if r.question_warning and ("q", r.current) not in self.warned:
            self.warned.add(("q", r.current))
            self.notify(f"{clock_text(r.question_left)} left for this question.", severity="warning", timeout=4)
        if r.total_warning and ("t", 0) not in self.warned:
            self.warned.add(("t", 0))
            self.notify(f"{clock_text(r.total_left)} left in the interview.", severity="warning", timeout=6)

    # -- drawing a question ----------------------------------------------------------------

    def _hide_inputs(self) -> None:
        for widget_id in ("#mock-symbols", "#mock-formula", "#mock-typed", "#mock-feedback"):
            self.query_one(widget_id).display = False

    def after_change(self) -> None:
        """Draw whatever the session is at now: a question, the pause, or the end."""
        run = self.run
        if run is None:
            return
        if run.gone is not None:
            self.show_gone()
            return
        self.refresh_bindings()
        if run.current is None or run.state not in ("running", "paused"):
            self.end()
            return
        if run.state == "paused":
            self.show_paused()
            return
        if self.shown != run.current:
            self.show_question(run.current)
        self._draw_clock()

    def show_question(self, position: int) -> None:
        run = self.run
        self.shown = position
        a = run.answers[position]
        card = run.card(position)
        self._hide_inputs()
        self.query_one("#mock-body").display = True
        front = card.front if card is not None else f"(the card {a.card_key} is gone)"
        topics = ", ".join(a.topics)
        self.query_one("#mock-body", VerticalScroll).scroll_home(animate=False)
        keys = self.query_one("#mock-keys", Static)
        next_label = "finish" if position == len(run.answers) - 1 else "lock and next"
        if a.kind == "drill":
            self.query_one("#mock-front", CardText).show(
                f"*{topics}*\n\n{front}\n\nPress **Enter** to open the editor: the prompt beside your code, "
                "**Ctrl+R** runs the checks. No hints or solutions during the mock.")
            keys.update(f"[b]Enter[/b] open the editor   [b]Ctrl+N[/b] {next_label}   [b]Ctrl+O[/b] pause")
            self.set_focus(None)
            return
        self.query_one("#mock-front", CardText).show(f"*{topics}*\n\n{front}")
        if a.kind == "math":
            if card is not None and card.variables:
                symbols = self.query_one("#mock-symbols", Static)
                symbols.update("Symbols: " + " · ".join(f"[b]{escape(n)}[/b] {escape(m)}" for n, m in card.variables))
                symbols.display = True
            formula = self.query_one("#mock-formula", Input)
            formula.value = a.answer
            formula.disabled = False
            formula.display = True
            formula.focus()
            formula.cursor_position = len(a.answer)
            keys.update(f"Type the formula, [b]Enter[/b] checks it can be read   [b]Ctrl+N[/b] {next_label}   [b]Ctrl+O[/b] pause")
            self.run_worker(answers.warm_up, thread=True, exit_on_error=False, group="warm")
        else:
            typed = self.query_one("#mock-typed", TextArea)
            typed.load_text(a.answer)
            typed.disabled = False
            typed.display = True
            typed.focus()
            typed.move_cursor(typed.document.end)
            keys.update(f"Type your answer (saved as you type)   [b]Ctrl+N[/b] {next_label}   [b]Ctrl+O[/b] pause   "
                        "[b]Esc[/b] leave the box")

    def show_paused(self) -> None:
        self.shown = None
        self._hide_inputs()
        self.query_one("#mock-front", CardText).show(
            "# Paused\n\nThe clock is stopped and the question hidden. The pause is recorded in the report.")
        self.query_one("#mock-keys", Static).update("[b]Ctrl+O[/b] or [b]Enter[/b] resume   [b]Esc[/b] leave (kept for later)")
        self.set_focus(None)
        self._draw_clock()

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        self._hide_inputs()
        self.app.go(Place.MOCK, step="review", run=self.run, options=self.options, leave_quits=self.leave_quits)

    # -- typing --------------------------------------------------------------------------

    def _save_typed(self) -> None:
        run = self.run
        if run is None or self.shown is None or self.shown != run.current:
            return
        kind = run.answers[self.shown].kind
        if kind == "math":
            run.save_answer(self.query_one("#mock-formula", Input).value)
        elif kind in ("concept", "scenario"):
            run.save_answer(self.query_one("#mock-typed", TextArea).text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "mock-typed" and not self.ended and not self.unsaved:
            self._save("your answer", self._save_typed)  # (not saved: the retry saves it as it is then)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "mock-formula" and not self.ended:
            self.query_one("#mock-feedback").display = False
            if not self.unsaved:
                self._save("your answer", self._save_typed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        run = self.run
        if event.input.id != "mock-formula" or run is None or self.shown is None or run.state != "running" or self.ended:
            return
        typed = event.value.strip()
        if not typed:
            self.notify("Type the formula first, or Ctrl+N to move on without one.", timeout=3)
            return
        if not self._save("your answer", self._save_typed):
            return
        feedback = self.query_one("#mock-feedback", Static)
        feedback.update("[dim]reading your formula…[/dim]")
        feedback.display = True
        self.check_formula(self.shown, run.card(self.shown), typed)

    @work(thread=True, exit_on_error=False, exclusive=True, group="formula")
    def check_formula(self, position: int, card, typed: str) -> None:
        verdict = answers.check_formula(card, typed)
        self.app.call_from_thread(self.formula_checked, position, typed, verdict)

    def formula_checked(self, position: int, typed: str, verdict) -> None:
        run = self.run
        if self.ended and run.gone is not None:
            return
        if not verdict.readable:
            # where the formula cannot be read (syntax, unknown symbol): not whether it is right
            if run is not None and run.current == position:
                feedback = self.query_one("#mock-feedback", Static)
                feedback.update(f"[b red]Cannot read it:[/] {escape(verdict.message)} — fix it and press Enter")
                feedback.display = True
            return
        def write() -> None:
            run.set_auto(position, verdict.suggested_grade, formula_detail(typed, verdict))
            # Readable is all it says, and the answer stays open: the learner may still change
            # it (the review checks it again if it changed); Ctrl+N locks it.
            if run.current == position and run.state == "running":
                feedback = self.query_one("#mock-feedback", Static)
                feedback.update(f"[b green]Readable.[/] Keep editing, or [b]Ctrl+N[/b] "
                                "locks it and moves on.")
                feedback.display = True

        self._save("the formula check", write)

    # -- actions -------------------------------------------------------------------------

    def action_next(self) -> None:
        run = self.run
        if run is None or run.state != "running" or run.gone is not None:
            return

        position = run.current

        def write() -> None:  # the next question only once the lock is on disk
            self._save_typed()
            if run.current == position:  # (not when its time ran out while it waited)
                run.lock_current()
            self.after_change()

        self._save(f"locking question {position + 1}" if position is not None else "the lock", write)

    def action_pause(self) -> None:
        run = self.run
        if run is None or run.gone is not None:
            return
        if run.state == "running":
            self._save("the pause", lambda: (self._save_typed(), run.pause(), self.after_change()))
        elif run.state == "paused":
            self._save("resuming", lambda: (run.resume(), self.after_change()))

    def action_enter(self) -> None:
        run = self.run
        if run is None:
            if self.plan is not None:
                self.start()  # (again, when starting was not saved: retried now)
            return
        if run.gone is not None or (run.state == "running" and self.refuse_while_unsaved()):
            return
        if run.state == "paused":
            self.action_pause()
        elif run.state == "running" and run.current is not None and run.answers[run.current].kind == "drill":
            self.open_drill(run.current)

    def open_drill(self, position: int) -> None:
        self.app.go(Place.MOCK, step="drill", run=self.run, position=position, then=lambda _: self.after_change())

    def on_screen_resume(self) -> None:
        if self.run is not None and not self.ended:
            self.after_change()

    def action_leave(self) -> None:
        if isinstance(self.focused, (Input, TextArea)):
            self.set_focus(None)
            return
        run = self.run
        if run is None or run.state not in ("running", "paused") or run.gone is not None:
            leave(self, self.leave_quits)
            return
        if self.refuse_while_unsaved():
            return

        def left() -> None:
            self._save_typed()
            run.pause()
            self.ended = True
            leave(self, self.leave_quits)

        def answered(yes: bool | None) -> None:
            if yes:  # discarded meanwhile: stay, so that the learner reads why; Esc then leaves
                self._save("pausing the mock to leave it", left)

        self.app.push_screen(ConfirmScreen(
            "Leave the mock interview?\nIt is paused and kept: the next mock offers to resume it "
            "or score it as it stands."), answered)
