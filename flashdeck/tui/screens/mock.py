"""The timed mock interview: setup, resume offer, the timed questions, the review, the report.

The clock is the Context's (tests inject a FakeClock and call `tick()`); a 0.5 s interval
ticks it for real. Nothing of a reference answer, hint or solution is drawn while the clock
runs. sympy is imported only inside worker threads (services.answers), torch only in the
drill judge's process.

When another window discards, scores, resumes or finishes the same mock, the service refuses
this window's next write (MockGone); the screens only say so, in one line, and stop.
"""

from __future__ import annotations

from contextlib import contextmanager

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, Footer, Header, Input, Static, TextArea

from flashdeck.domain import mock as domain
from flashdeck.domain.mock import clock_text
from flashdeck.services import answers
from flashdeck.services import drills as drill_service
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockGone, MockOptions, MockRun
from flashdeck.services.selection import UnknownTopic, resolve_topics
from flashdeck.tui.actions import GRADE_LABELS, bindings
from flashdeck.tui.dialogs import ConfirmScreen
from flashdeck.tui.drill_editor import DrillEditorScreen
from flashdeck.tui.widgets.card_text import CardText, card_markdown

TICK_SECONDS = 0.5
KIND_LABEL = {"concept": "concept", "math": "math", "scenario": "scenario", "drill": "coding drill"}


def _leave(screen: Screen, leave_quits: bool) -> None:
    if leave_quits:
        screen.app.exit()
    else:
        screen.dismiss()


# -- choosing and resuming ---------------------------------------------------------------------

class MockSetupScreen(ModalScreen[MockOptions | None]):
    """The same choices as `flashdeck mock`: minutes, questions, topics, seed, no schedule."""

    DEFAULT_CSS = """
    MockSetupScreen { align: center middle; }
    MockSetupScreen > Vertical { width: 72; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    MockSetupScreen Input { margin-bottom: 1; }
    MockSetupScreen #setup-error { color: $error; }
    """
    BINDINGS = bindings("MockSetupScreen")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Mock interview[/b] — Enter starts, Esc cancels")
            yield Static("Minutes")
            yield Input("45", id="setup-minutes", type="integer")
            yield Static("Questions, the coding drill included (empty: from the minutes)")
            yield Input(id="setup-questions", type="integer")
            yield Static("Topics, comma-separated (empty: all)")
            yield Input(id="setup-topics", placeholder="e.g. transformer.attention,llm.decoding")
            yield Static("Seed (empty: a new plan)")
            yield Input(id="setup-seed", type="integer")
            yield Checkbox("Practice only: grades do not move the review schedule", id="setup-no-schedule")
            yield Static(id="setup-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        error = self.query_one("#setup-error", Static)
        raw = {name: self.query_one(f"#setup-{name}", Input).value.strip()
               for name in ("minutes", "questions", "topics", "seed")}
        try:
            minutes = int(raw["minutes"] or 45)
            questions = int(raw["questions"]) if raw["questions"] else None
            seed = int(raw["seed"]) if raw["seed"] else None
            topics = tuple(resolve_topics(raw["topics"])) if raw["topics"] else ()
        except ValueError as exc:
            error.update(escape(str(exc) if isinstance(exc, UnknownTopic) else "minutes, questions and seed are whole numbers"))
            return
        if not 1 <= minutes <= 240 or (questions is not None and not 1 <= questions <= 60):
            error.update("minutes: 1-240; questions: 1-60")
            return
        self.dismiss(MockOptions(minutes=minutes, questions=questions, topics=topics, seed=seed,
                                 no_schedule=self.query_one("#setup-no-schedule", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


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


# -- the timed interview -----------------------------------------------------------------------

class MockScreen(Screen):
    """The timed part: one question at a time, both countdowns always on screen."""

    DEFAULT_CSS = """
    MockScreen #mock-clock { height: auto; padding: 0 1; background: $boost; }
    MockScreen #mock-clock.warn { background: $warning 40%; }
    MockScreen #mock-clock.over { background: $error 50%; }
    MockScreen #mock-body { height: 1fr; padding: 0 2; }
    MockScreen #mock-typed { height: 10; margin-top: 1; }
    MockScreen #mock-formula { margin-top: 1; }
    MockScreen #mock-symbols, MockScreen #mock-feedback { margin-top: 1; }
    MockScreen #mock-keys { height: auto; padding: 0 1; background: $boost; }
    """
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
        ctx = self.app.ctx
        if choice is None:
            _leave(self, self.leave_quits)
            return
        if choice == "new":
            if not mock_service.discard(ctx, session_id):
                self.notify("That mock was finished in another window meanwhile: it is kept.", timeout=6)
            self.show_ready()
            return
        run = MockRun.open(ctx, session_id)
        if run.state not in ("running", "paused", "review"):  # finished or discarded elsewhere meanwhile
            self.notify(str(MockGone(run.id, run.state)), severity="warning", timeout=6)
            self.show_ready()
            return
        self.run = run
        with self._unless_gone():
            if choice == "score":
                run.score_now()
            else:
                run.resume()
            self.after_change()

    # -- another window changed the mock -----------------------------------------------------

    @contextmanager
    def _unless_gone(self):
        """Around the mock's writes: if another window changed the mock, say so and stop."""
        try:
            yield
        except MockGone:
            self.show_gone()

    def show_gone(self) -> None:
        """The run is gone (its MockGone says how): nothing more is drawn of it or saved."""
        if self.ended:
            return
        self.ended = True  # the tick stops; after_change no longer draws questions
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
        self.run = MockRun.start(self.app.ctx, self.plan, no_schedule=self.options.no_schedule)
        self.after_change()

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
        with self._unless_gone():
            if run.state == "running":
                self._save_typed()
                locked = run.tick()
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
        self.app.switch_screen(MockReviewScreen(self.run, self.options, leave_quits=self.leave_quits))

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
        if event.text_area.id == "mock-typed" and not self.ended:
            with self._unless_gone():
                self._save_typed()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "mock-formula" and not self.ended:
            with self._unless_gone():
                self._save_typed()
                self.query_one("#mock-feedback").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        run = self.run
        if event.input.id != "mock-formula" or run is None or self.shown is None or run.state != "running" or self.ended:
            return
        typed = event.value.strip()
        if not typed:
            self.notify("Type the formula first, or Ctrl+N to move on without one.", timeout=3)
            return
        with self._unless_gone():
            self._save_typed()
        if self.ended:
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
        try:
            run.set_auto(position, verdict.suggested_grade, formula_detail(typed, verdict))
        except MockGone:
            self.show_gone()
            return
        # Readable is all it says, and the answer stays open: the learner may still change it
        # (the review checks it again if it changed); Ctrl+N locks it.
        if run.current == position and run.state == "running":
            feedback = self.query_one("#mock-feedback", Static)
            feedback.update(f"[b green]Readable.[/] Keep editing, or [b]Ctrl+N[/b] "
                            "locks it and moves on.")
            feedback.display = True

    # -- actions -------------------------------------------------------------------------

    def action_next(self) -> None:
        run = self.run
        if run is None or run.state != "running" or run.gone is not None:
            return
        with self._unless_gone():
            self._save_typed()
            run.lock_current()
            self.after_change()

    def action_pause(self) -> None:
        run = self.run
        if run is None or run.gone is not None:
            return
        with self._unless_gone():
            if run.state == "running":
                self._save_typed()
                run.pause()
                self.after_change()
            elif run.state == "paused":
                run.resume()
                self.after_change()

    def action_enter(self) -> None:
        run = self.run
        if run is None:
            if self.plan is not None:
                self.start()
            return
        if run.gone is not None:
            return
        if run.state == "paused":
            self.action_pause()
        elif run.state == "running" and run.current is not None and run.answers[run.current].kind == "drill":
            self.open_drill(run.current)

    def open_drill(self, position: int) -> None:
        self.app.push_screen(MockDrillScreen(self.run, position), lambda _: self.after_change())

    def on_screen_resume(self) -> None:
        if self.run is not None and not self.ended:
            self.after_change()

    def action_leave(self) -> None:
        if isinstance(self.focused, (Input, TextArea)):
            self.set_focus(None)
            return
        run = self.run
        if run is None or run.state not in ("running", "paused") or run.gone is not None:
            _leave(self, self.leave_quits)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                # discarded meanwhile: stay, so that the learner reads why; Esc then leaves
                with self._unless_gone():
                    self._save_typed()
                    run.pause()
                    self.ended = True
                    _leave(self, self.leave_quits)

        self.app.push_screen(ConfirmScreen(
            "Leave the mock interview?\nIt is paused and kept: the next mock offers to resume it "
            "or score it as it stands."), answered)


def formula_detail(typed: str, verdict) -> dict:
    return {"checked": typed, "correct": verdict.correct, "message": verdict.message,
            "expected": verdict.expected_pretty, "given": verdict.given_pretty}


# -- the coding drill, in the drill screen with the mock's clock --------------------------------

class MockDrillScreen(DrillEditorScreen):
    """The drill editor and judge for the mock's coding question: the code is the mock answer,
    no hints, no solution, the countdowns on top; it closes when the question's time is up."""

    BINDINGS = bindings("MockDrillScreen")

    def __init__(self, run: MockRun, position: int):
        card = run.card(position)
        drill_id = card.drill if card is not None else run.answers[position].card_key.split("/")[-1]
        super().__init__(drill_service.find_drill(drill_id))
        self.run = run
        self.position = position

    def on_mount(self) -> None:
        # no drill attempt and no workspace file: the code is the mock's answer
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

    @contextmanager
    def _unless_gone(self):
        """Another window changed the mock: back to the question screen, which says so."""
        try:
            yield
        except MockGone:
            self._back()

    def _back(self) -> None:
        # once only: a second dismiss would pop the question screen under it
        if self.app.screen is self:
            self.dismiss(None)

    def tick(self) -> None:
        if self.run.gone is not None:
            self._back()
            return
        if self.run.answers[self.position].locked or self.run.state != "running":
            self._update_status()
            return
        with self._unless_gone():
            self.save()
            locked = self.run.tick()
        if self.run.gone is not None:
            return
        if self.position in locked:
            self.notify("Time is up for the coding question: your code is locked.", timeout=4)
            self.dismiss(None)
            return
        self._update_status()

    def save(self) -> None:
        a = self.run.answers[self.position]
        code = self.code
        if a.locked or code == self._saved_code and a.answer or self.run.gone is not None:
            return
        with self._unless_gone():  # also from the autosave timer, where nothing else would catch it
            self.run.save_answer(code, self.position)
            self._saved_code = code
            detail = self.detail
            detail["touched"] = code != self.drill.starter()
            self.run.set_auto(self.position, _drill_grade(detail), detail)

    def check_done(self, code: str, result) -> None:
        self.checking = False
        if self.judge_state != "ready" and result.error is None:
            self.judge_state = "ready"
        detail = self.detail
        if self.run.gone is not None:
            self._back()  # the question screen says why
            return
        if not self.run.answers[self.position].locked:
            if not detail.get("passed"):
                detail["checks"] = detail.get("checks", 0) + 1
                detail["passed"] = bool(result.passed)
                detail["cases_passed"], detail["cases_total"] = result.n_passed, len(result.cases)
            detail["touched"] = code != self.drill.starter()
            with self._unless_gone():
                self.run.set_auto(self.position, _drill_grade(detail), detail)
            if self.run.gone is not None:
                return
        self._set_results(self.report_text(result, verbose=False,
                                           passed="✓ All cases pass. Ctrl+N locks it and moves on."))
        self._update_status()

    def check_action(self, action: str, parameters) -> bool | None:
        # refused below and kept out of the footer; a fresh start is the drill screen's
        return action not in ("hint", "give_up", "start_fresh")

    def action_hint(self) -> None:
        self.notify("No hints during a mock interview.", timeout=3)

    def action_give_up(self) -> None:
        self.notify("No solutions during a mock interview: Ctrl+N ends this question.", timeout=3)

    def action_done(self) -> None:
        self.save()
        if self.run.current == self.position and self.run.state == "running" and self.run.gone is None:
            with self._unless_gone():
                self.run.lock_current()
        self._back()

    def action_pause(self) -> None:
        self.save()
        if self.run.gone is None:
            with self._unless_gone():
                self.run.pause()
        self._back()  # the question screen shows the pause (and hides the question)

    def action_start_fresh(self) -> None:
        pass  # (refused by check_action: a mock answer has no attempts to start afresh)

    def action_leave(self) -> None:
        if self.leave_editor():
            return
        self.save()
        self._back()

    def on_unmount(self) -> None:
        try:
            self.save()
        except Exception:  # the app is closing; the last save is at most a tick old
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


def _drill_grade(detail: dict) -> int:
    return domain.drill_grade(bool(detail.get("passed")), detail.get("checks", 0), detail.get("cases_passed", 0),
                              detail.get("cases_total", 0), bool(detail.get("touched")))


# -- the review (untimed) ----------------------------------------------------------------------

class MockReviewScreen(Screen):
    """Each answer beside the reference and the key points it covered; confirm or adjust 0-5
    (math and drill grades come from the checkers)."""

    DEFAULT_CSS = """
    MockReviewScreen #rv-status, MockReviewScreen #rv-keys { height: auto; padding: 0 1; background: $boost; }
    MockReviewScreen #rv-body { height: 1fr; padding: 0 2; }
    MockReviewScreen .rv-label { margin-top: 1; color: $text-muted; }
    MockReviewScreen #rv-answer { padding: 0 1; border: round $primary-darken-2; }
    MockReviewScreen #rv-points, MockReviewScreen #rv-check { margin-top: 1; }
    """
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
        with self._unless_gone():
            for position, typed, verdict in results:
                grade = verdict.suggested_grade if verdict.readable else 0
                self.run.set_auto(position, grade, formula_detail(typed, verdict))
            self.show()

    @contextmanager
    def _unless_gone(self):
        try:
            yield
        except MockGone:
            self.show_gone()

    def show_gone(self) -> None:
        if self.stopped:
            return
        self.stopped = True
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
                check.update(f"[b red]✗ not passing[/]: {d.get('cases_passed', 0)}/{d.get('cases_total', 0)} cases "
                             f"on the last of {d['checks']} check(s)")
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
        with self._unless_gone():
            self.run.confirm(self.index, grade)
        if self.stopped:
            return
        following = [a.position for a in self.run.answers if a.grade is None and a.position > self.index]
        earlier = [a.position for a in self.run.answers if a.grade is None]
        nxt = (following or earlier or [None])[0]
        if nxt is None:
            self.notify("Every answer is graded: f finishes and shows the report.", timeout=4)
        else:
            self.index = nxt
        self.show()

    def action_move(self, step: int) -> None:
        if self.stopped:
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
        try:
            report = self.run.finish()
        except MockGone:
            self.show_gone()
            return
        if self.options.report is not None:
            path = mock_service.write_report(report, self.options.report)
            self.notify(f"Report written to {path}", timeout=6)
        self.app.switch_screen(MockReportScreen(report, self.options, leave_quits=self.leave_quits))

    def action_leave(self) -> None:
        _leave(self, self.leave_quits)  # the review stays unfinished: the next mock offers it


def grade_label(q: int) -> str:
    return GRADE_LABELS[q]


# -- the report --------------------------------------------------------------------------------

class MockReportScreen(Screen):
    DEFAULT_CSS = """
    MockReportScreen #report-body { height: 1fr; padding: 0 2; }
    MockReportScreen #report-keys { height: auto; padding: 0 1; background: $boost; }
    """
    BINDINGS = bindings("MockReportScreen")

    def __init__(self, report, options: MockOptions | None = None, *, leave_quits: bool = False):
        super().__init__()
        self.report = report
        self.options = options or MockOptions()
        self.leave_quits = leave_quits

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-body"):
            yield Static(id="report")
        yield Static("[b]w[/b] write the report as Markdown   [b]q[/b] leave", id="report-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report", Static).update(report_text(self.report))

    def action_write(self) -> None:
        path = self.options.report or mock_service.default_report_path(self.app.ctx, self.report)
        written = mock_service.write_report(self.report, path)
        self.notify(f"Report written to {written}", timeout=8)

    def action_leave(self) -> None:
        _leave(self, self.leave_quits)


def report_text(r) -> Text:
    t = Text()
    t.append(f"Mock interview #{r.session_id}: ", style="bold")
    t.append(f"{r.score:.1f}%", style="bold green" if r.score >= 80 else "bold yellow" if r.score >= 60 else "bold red")
    t.append(f"   {sum(q.grade or 0 for q in r.questions)}/{5 * len(r.questions)} points · "
             f"{clock_text(r.used_seconds)} used of {r.minutes}:00 · "
             f"pauses {r.pause_count}" + (f" ({clock_text(r.paused_seconds)})" if r.pause_count else "")
             + (" · practice only (schedule unchanged)" if r.no_schedule else "") + "\n\n")
    t.append("Questions\n", style="bold underline")
    for q in r.questions:
        front = " ".join(card_markdown(q.front).split())  # LaTeX as Unicode
        front = front[:60] + "…" if len(front) > 61 else front
        grade = "—" if q.grade is None else str(q.grade)
        t.append(f" {q.position + 1:>2}. ")
        t.append(f"{grade}", style="bold")
        t.append(f"  {clock_text(q.used_seconds):>5} / {clock_text(q.budget_seconds):<5}  {q.kind:<8}  {front}\n")
    t.append("\nBy topic (weakest first)\n", style="bold underline")
    for s in r.topics:
        t.append(f"  {s.topic:<28} {s.percent:5.1f}%  ({s.questions} question{'s' if s.questions != 1 else ''})\n")
    t.append("\nWeakest: ", style="bold")
    t.append(", ".join(f"{s.topic} ({s.percent:.0f}%)" for s in r.weakest) or "none below 80%")
    t.append("\nTrend: ", style="bold")
    if r.trend.last is None:
        t.append("the first mock; nothing to compare with yet")
    else:
        t.append(f"{r.trend.delta_last:+.1f} points against the last mock ({r.trend.last:.1f}%), "
                 f"{r.trend.delta_mean:+.1f} against the mean of {len(r.trend.previous)} ({r.trend.mean:.1f}%)")
    t.append("\n")
    return t
