"""Review: front, reveal, grade 0-5; undo, bury, suspend. Every grade is committed first.

Math and scenario cards can take a typed answer (a formula sympy checks, the key points it
covers), but the review keys never depend on it: with `ui.type_answers = "auto"` the answer
box waits for t, so space and 0-5 work as on a concept card; "always" focuses the box on
arrival (Esc leaves it, space in an empty box shows the answer); "never" has no box. After a
check or a reveal the focus is back on the screen, where the review keys act.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from flashdeck.domain.sm2 import QUALITY_MEANINGS
from flashdeck.services import answers
from flashdeck.services.answers import FormulaVerdict
from flashdeck.tui.actions import GRADE_LABELS, bindings
from flashdeck.tui.keymap import key_of
from flashdeck.tui.places import Place
from flashdeck.tui.widgets.answer_box import FormulaBox, ScenarioBox
from flashdeck.tui.widgets.card_text import CardText

if TYPE_CHECKING:  # SQLAlchemy: a quick start imports it in the background, after the first card
    from flashdeck.domain.cards import CardView
    from flashdeck.services.study import StudySession

ANSWER_BOXES = ("formula", "typed")  # the ids of the math and the scenario answer box
TYPED_KINDS = ("math", "scenario")


class ReviewScreen(Screen):
    BINDINGS = bindings("ReviewScreen")
    AUTO_FOCUS = "#card"  # never an answer box: it takes the focus only as type_answers says

    def __init__(self, deck_ids: list[str] | None = None, *, leave_quits: bool = False,
                 topics: list[str] | None = None, cram: bool = False):
        super().__init__()
        self.deck_ids = deck_ids
        self.leave_quits = leave_quits
        self.topics = topics  # chosen topics: every card of them now, due or not
        self.cram = cram  # grades logged, schedule untouched
        self.session: StudySession | None = None
        # a quick start's first card (read without SQLAlchemy), shown until the session is open
        self.preview: CardView | None = None
        self.preview_queued = 0
        self._pending: list = []  # actions pressed before that session opened, run once it has
        self.revealed = False
        self.shown_at = time.monotonic()
        self.suggested: int | None = None  # the grade the formula check suggests
        self._checked: str | None = None  # the formula text last sent to sympy (see reveal)
        self._unsaved = None  # (what, the write to retry) when the last one did not reach the disk
        self._retry_timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static(id="status")
            yield Static(id="unsaved")
            with VerticalScroll(id="card"):
                yield CardText(id="front")
                yield Static(id="symbols")
                yield Static(id="feedback")
                yield Static("─── answer ───", id="divider")
                yield CardText(id="back")
                yield Static(id="expected")
                yield Static(id="points")
                yield CardText(id="explanation")
                yield Static(id="source")
            yield Static(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        quick = self.app.quick
        if self.app.ctx is None and quick is not None:
            self.preview, self.preview_queued = quick.first, quick.queued
            self.show_current()
            self.call_after_refresh(self._open_session)  # once the card is on screen
            return
        from flashdeck.services.study import StudySession  # SQLAlchemy: a quick start's is opened in _open_session

        self.session = StudySession(self.app.ctx, self.deck_ids, topics=self.topics, cram=self.cram)
        self.show_current()

    @property
    def current(self) -> CardView | None:
        return self.session.current if self.session is not None else self.preview

    @work(thread=True, exit_on_error=False, group="open")
    def _open_session(self) -> None:
        """The quick start's second half: the Context (SQLAlchemy import, deck sync) and the
        session, in a thread so that the card on screen already answers keys."""
        try:
            ctx, report = self.app.opener()
        except Exception as exc:  # noqa: BLE001 - the learner sees it, the app ends
            self.app.call_from_thread(self.app.exit, None, 1, f"flashdeck: {exc}")
            return
        try:
            from flashdeck.services.study import StudySession  # SQLAlchemy, in this thread: after the first card

            session = StudySession(ctx, self.deck_ids, topics=self.topics, cram=self.cram)
            self.app.call_from_thread(self._session_opened, ctx, report, session)
        except BaseException:
            ctx.close()  # the app ended first (or the session could not be read)
            raise

    def _session_opened(self, ctx, report, session: StudySession) -> None:
        self.app.context_opened(ctx, report)
        self.session = session
        shown = self.preview
        if session.current is None or shown is None or session.current.id != shown.id:
            self._pending.clear()  # the sync changed the queue: those keys were for another card
            self.show_current()
            return
        self.query_one("#status", Static).update(self._status_text(session.current))
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def _opening(self, then=None) -> bool:
        """True while a quick start is still opening the collection; `then` runs once it is
        open (a grade pressed in the first half second is kept, not dropped)."""
        if self.session is not None:
            return False
        if then is not None and not self._pending:
            self._pending.append(then)
            self.notify("Opening your collection… your answer is saved in a moment.", timeout=2)
        else:
            self.notify("Still opening your collection… one moment.", timeout=2)
        return True

    # -- drawing -------------------------------------------------------------------------

    def show_current(self) -> None:
        session = self.session
        view = self.current
        self.revealed = False
        self.suggested = None
        self._checked = None  # the formula text last sent to sympy
        self.shown_at = time.monotonic()
        status = self.query_one("#status", Static)
        for widget in self.query("#divider, #back, #explanation, #source, #symbols, #formula, #typed, "
                                 "#feedback, #expected, #points"):
            widget.display = False
        grades = self.query_one("#grades", Static)
        front = self.query_one("#front", CardText)
        if view is None:
            status.update(self._progress_text())
            front.show(self._finished_text())
            grades.update(f"[b]{self._key('review.leave', 'q')}[/b] back" + ("" if not self.leave_quits else " (quit)") +
                          (f"   [b]{self._key('review.undo', 'u')}[/b] undo the last grade" if session.can_undo else ""))
            self.focus_screen()
            self._probe()
            return
        card = view.card
        status.update(self._status_text(view))
        front.show(card.front)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        if card.kind == "drill":
            self._show_drill(view)
        else:
            if card.kind == "math" and card.variables:
                symbols = self.query_one("#symbols", Static)
                symbols.update("Symbols: " + " · ".join(f"[b]{escape(n)}[/b] {escape(m)}" for n, m in card.variables))
                symbols.display = True
            box = self._box_for(card)
            if box is not None:
                if isinstance(box, FormulaBox):
                    box.clear()
                else:
                    box.load_text("")
                box.disabled = False
                box.display = True
                if card.kind == "math":
                    self.run_worker(answers.warm_up, thread=True, exit_on_error=False, group="warm")
            if box is not None and self.type_answers == "always":
                box.focus()
            else:
                self.focus_screen()
            self._update_hints()
        self.refresh_bindings()
        self._probe()

    @property
    def type_answers(self) -> str:
        """"auto", "always" or "never" (ui.type_answers, read afresh: settings apply at once)."""
        return self.app.settings.type_answers

    def _box_for(self, card):
        """The answer box this card offers (mounted on first use), or None."""
        if card.kind not in TYPED_KINDS or self.type_answers == "never":
            return None
        return self._answer_box("formula" if card.kind == "math" else "typed")

    def _open_box(self):
        """The current card's answer box, if it is on screen and still takes an answer."""
        view = self.current
        if view is None or self.revealed or view.card.kind not in TYPED_KINDS:
            return None
        found = self.query(f"#{'formula' if view.card.kind == 'math' else 'typed'}")
        box = found.first() if found else None
        return box if box is not None and box.display and not box.disabled else None

    def _typing(self) -> bool:
        """True while an answer box has the focus (keys are typed into it)."""
        return self.focused is not None and self.focused.id in ANSWER_BOXES

    @staticmethod
    def _box_text(box) -> str:
        return (box.value if isinstance(box, FormulaBox) else box.text).strip()

    def _update_hints(self) -> None:
        """The hint line and the footer for where the focus is now (before the answer)."""
        view = self.current
        self.refresh_bindings()
        if view is None or self.revealed or view.card.kind == "drill":
            return
        reveal = f"[b]{self._key('review.reveal', 'space')}[/b]"
        type_key = f"[b]{self._key('review.type', 't')}[/b]"
        box = self._open_box()
        kind = view.card.kind
        if box is None:  # a concept card, or type_answers = "never"
            extra = " and the key points" if kind == "scenario" else ""
            text = f"{reveal} show answer{extra}   then 0-5 grade it"
        elif self._typing():
            done = ("[b]Enter[/b] checks it" if kind == "math"
                    else "[b]Enter[/b] shows the answer and the key points you covered")
            text = f"Typing: {done} · [b]Esc[/b] stop typing (keeps it)"
            if not self._box_text(box):
                text += " · [b]space[/b] show answer"
        elif self._box_text(box):
            what = "check it and show the answer" if kind == "math" else "show the answer and the key points you covered"
            text = f"{reveal} {what}   {type_key} back to your answer"
        else:
            what = "type the formula (sympy checks it)" if kind == "math" else "type your answer (to see which key points you covered)"
            text = f"{reveal} show answer   {type_key} {what}"
        self.query_one("#grades", Static).update(text)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """t (and its footer entry) only where there is a box to type in. While a box has the
        focus, Textual itself leaves out the keys it types (answer_box.py)."""
        if action == "type_answer":
            return self._open_box() is not None and not self._typing()
        return True

    def on_descendant_focus(self, event) -> None:
        self._update_hints()

    def on_descendant_blur(self, event) -> None:
        self._update_hints()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "formula":
            self._update_hints()

    def on_text_area_changed(self, event) -> None:
        if getattr(event.text_area, "id", None) == "typed":
            self._update_hints()

    def _key(self, binding_id: str, default: str) -> str:
        return escape(key_of(self.app, binding_id, default))

    def _status_text(self, view: CardView) -> str:
        card = view.card
        state = "new" if view.is_new else f"interval {view.interval}d · ease {view.easiness:.2f}"
        if view.lapses:
            state += f" · {view.lapses} lapse{'s' if view.lapses != 1 else ''}"
        return (("[b reverse] CRAM [/] " if self.cram else "") +
                f"[b]{view.deck_title}[/b] · {', '.join(card.topics)} · [i]{card.kind}[/i] · {state}"
                f"      {self._progress_text()}")

    def _probe(self) -> None:
        if self.app.first_card_probe:  # benchmark hook: the first screenful is drawn
            self.call_after_refresh(self.app.first_card_shown)

    def focus_screen(self) -> None:
        self.set_focus(None)

    def _answer_box(self, kind: str):
        """The formula line or the scenario box, mounted the first time a card needs it
        (a review of concept cards never pays for them: a faster first card)."""
        found = self.query(f"#{kind}")
        if found:
            return found.first()
        if kind == "formula":
            box = FormulaBox(id="formula", placeholder="the formula, e.g. 4*d**2 + 4*d   (Enter checks it)",
                             select_on_focus=False)  # t goes back to the text kept, to go on typing
            self.query_one("#card").mount(box, after="#symbols")
        else:
            box = ScenarioBox(id="typed", soft_wrap=True, show_line_numbers=False,
                              placeholder="your answer   (Enter shows the key points you covered)")
            self.query_one("#card").mount(box, before="#feedback")
        return box

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "formula":
            self._submit()

    def on_scenario_box_submitted(self, event: ScenarioBox.Submitted) -> None:
        self._submit()

    def _submit(self) -> None:
        """Enter in an answer box: a formula is checked (the answer is shown with the
        verdict), a scenario answer shows the answer and the key points it covers."""
        view = self.current
        box = self._open_box()
        if view is None or box is None:
            return
        typed = self._box_text(box)
        if view.card.kind == "math" and typed:
            self._check(view, typed, reveal_anyway=False)
        else:
            self.reveal()

    def _check(self, view, typed: str, *, reveal_anyway: bool) -> None:
        self._checked = typed
        feedback = self.query_one("#feedback", Static)
        feedback.update("[dim]checking…[/dim]")
        feedback.display = True
        self.check_formula(view.id, view.card, typed, reveal_anyway)

    @work(thread=True, exit_on_error=False, exclusive=True, group="formula")
    def check_formula(self, view_id: int, card, typed: str, reveal_anyway: bool = False) -> None:
        verdict = answers.check_formula(card, typed)
        self.app.call_from_thread(self.formula_checked, view_id, verdict, reveal_anyway)

    def formula_checked(self, view_id: int, verdict: FormulaVerdict, reveal_anyway: bool = False) -> None:
        view = self.current
        if view is None or view.id != view_id or self.revealed:
            return  # the learner moved on (undo, bury) while sympy was thinking
        feedback = self.query_one("#feedback", Static)
        if not verdict.readable:
            if reveal_anyway:  # space asked for the answer: show it, with why there is no verdict
                feedback.update(f"[b red]✗[/] {escape(verdict.message)} — so no suggested grade; choose 0-5")
                self.reveal()
            else:
                feedback.update(f"[b red]✗[/] {escape(verdict.message)} — fix it and press Enter, "
                                "or Esc then space to see the answer")
            return
        mark = "[b green]✓[/]" if verdict.correct else "[b red]✗[/]"
        feedback.update(f"{mark} {escape(verdict.message)}. Suggested grade: [b]{verdict.suggested_grade}[/b] "
                        "— press Enter to accept it, or 0-5 to choose")
        self.suggested = verdict.suggested_grade
        self.reveal()
        expected = self.query_one("#expected", Static)
        shown = f"You typed:\n{escape(verdict.given_pretty or '')}\n\nReference:\n{escape(verdict.expected_pretty)}"
        expected.update(shown)
        expected.display = True

    def _progress_text(self) -> str:
        if self.session is None:
            return f"[b]0[/b] done · [b]{self.preview_queued}[/b] left"
        p = self.session.progress
        return f"[b]{p.done}[/b] done · [b]{p.left}[/b] left"

    def _finished_text(self) -> str:
        session = self.session
        nxt = session.next_due()
        when = "nothing else is scheduled yet" if nxt is None else f"the next card is due on {nxt:%a %d %b %Y}"
        held = session.new_held_back()
        if held:
            # the real reason, not "next due on …": the daily limit keeps these new cards out
            limit = self.app.ctx.settings.new_per_day
            cards = "card waits" if held == 1 else "cards wait"
            why = (f"Today's new cards are used up: **{session.new_introduced} of {limit}** introduced, "
                   f"and **{held}** new {cards} in this selection. To learn more today, raise "
                   "`new_per_day` in `[study]` of config.toml (Ctrl+P → Settings), or study ahead "
                   "now with **c** on the home screen. Reviews: "
                   + ("none scheduled yet." if nxt is None else f"the next is due on {nxt:%a %d %b %Y}."))
            if session.progress.done:
                return f"# Done for now\n\nYou reviewed **{session.progress.done}** card(s) in this session.\n\n{why}"
            return f"# No new cards left today\n\n{why}"
        if session.progress.done:
            return f"# Done for now\n\nYou reviewed **{session.progress.done}** card(s) in this session; {when}."
        return f"# Nothing due\n\nNo cards are due in this selection right now; {when}."

    def reveal(self) -> None:
        view = self.current
        if view is None or self.revealed:
            return
        card = view.card
        box = self._open_box()
        typed = self._box_text(box) if box is not None else ""
        if card.kind == "math" and typed and typed != self._checked:
            # typed, then Esc and space: the formula is checked on the way to the answer
            self._check(view, typed, reveal_anyway=True)
            return
        self.revealed = True
        if card.kind == "scenario":
            self._show_key_points(card)
        for widget in self.query("#formula, #typed"):
            widget.disabled = True
            if not self._box_text(widget):
                widget.display = False  # nothing typed: the answer needs the room more
        self.focus_screen()
        self.query_one("#divider").display = True
        back = self.query_one("#back", CardText)
        back.show(card.back)
        back.display = True
        explanation = self.query_one("#explanation", CardText)
        if card.explanation:
            explanation.show("**Why.** " + card.explanation)
            explanation.display = True
        source = self.query_one("#source", Static)
        if card.source:
            source.update(f"[dim]Source: {card.source}[/dim]")
            source.display = True
        self.query_one("#grades", Static).update(
            "   ".join(f"[b]{self._key(f'review.grade_{q}', str(q))}[/b] {GRADE_LABELS[q]}" for q in range(6))
            + ("" if self.suggested is None else f"   [b]Enter[/b] accept {self.suggested}")
        )
        self.refresh_bindings()

    def _show_key_points(self, card) -> None:
        boxes = self.query("#typed")
        typed = boxes.first().text if boxes and boxes.first().display else ""
        offered = self.type_answers != "never"
        points = self.query_one("#points", Static)
        nudge = f" [dim](press {self._key('review.type', 't')} and type an answer next time to see which you covered)[/dim]"
        lines = ["[b]Key points[/b]" + ("" if typed.strip() or not offered else nudge)]
        for point in answers.key_points(card, typed):
            label = escape(" / ".join(point.phrasings))
            if not typed.strip():
                lines.append(f"  • {label}")
            elif point.covered:
                lines.append(f"  [green]✓[/] {label}")
            else:
                lines.append(f"  [red]✗[/] {label}")
        points.update("\n".join(lines))
        points.display = True

    # -- drill cards: "implement it again from scratch" in the drill screen ----------------

    def _show_drill(self, view) -> None:
        again = "from scratch" if view.is_new else "again from scratch"
        self.query_one("#front", CardText).show(
            f"{view.card.front}\n\n**Implement it {again}.** Press **Enter** to open the drill with a "
            "fresh starter; how it goes grades this card: passed on the first check 5 · after fixes 4 "
            "· with hints 3 · gave up 1.")
        self.query_one("#grades", Static).update(
            f"[b]Enter[/b] open the drill   [b]{self._key('review.bury', 'b')}[/b] bury   "
            f"[b]{self._key('review.suspend', 's')}[/b] suspend   [b]{self._key('review.leave', 'q')}[/b] leave")
        self.focus_screen()

    def _open_drill(self) -> bool:
        view = self.current
        if view is None or view.card.kind != "drill":
            return False
        if self._opening(then=self._open_drill):
            return True
        opened = self.__dict__.setdefault("_drills_opened", set())  # a second visit resumes
        fresh = view.id not in opened
        opened.add(view.id)

        def closed(quality: int | None) -> None:
            if quality is not None:
                opened.discard(view.id)  # if it comes back today, it starts from scratch again
            self.show_current()

        self.app.go(Place.DRILL, drill_id=view.card.drill, fresh=fresh, study=self.session, then=closed)
        return True

    # -- actions -------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self._open_drill():
            return
        if self.revealed and self.suggested is not None:
            self.action_grade(self.suggested)
            return
        self.reveal()

    def action_type_answer(self) -> None:
        """t: into the answer box (what was typed before Esc is still there)."""
        box = self._open_box()
        if box is not None:
            box.focus()

    def action_grade(self, quality: int) -> None:
        if self.current is None:
            return
        if self.current.card.kind == "drill":
            self.notify("A drill is graded by how it goes: press Enter to open it.", timeout=3)
            return
        if not self.revealed:
            self.notify("Show the answer first (space), then grade 0-5.", timeout=3)
            return
        duration = int((time.monotonic() - self.shown_at) * 1000)
        if self._opening(then=lambda: self._grade(quality, duration)):
            return
        self._grade(quality, duration)

    def _grade(self, quality: int, duration: int) -> None:
        def write() -> None:
            view = self.current
            leech = self.session.grade(quality, duration)  # committed before the next card is drawn
            self.show_current()
            if leech:
                self.notify(f"{escape(view.card.key)} has lapsed {view.lapses + 1} times: it is a leech and is "
                            "now suspended. Consider rewriting it (split it, add an example or a mnemonic); "
                            f"{self._undo_hint()}.", title="Leech", severity="warning", timeout=12)

        self._save(f"grade {quality}", write)

    def action_undo(self) -> None:
        from flashdeck.services.study import StaleUndo  # SQLAlchemy: not before a quick start's first card

        if self._opening():
            return
        if self._unsaved is not None:
            self._drop_unsaved()  # undoing a grade that never reached the disk: nothing to undo
            self.notify("The grade that was not saved is dropped; grade the card again.", timeout=4)
            return

        def write() -> None:
            try:
                what = self.session.undo()
            except StaleUndo as exc:
                self.notify(str(exc), severity="warning")
                return
            self.notify(f"Undid {what}.", timeout=2)
            self.show_current()

        self._save("undo", write)

    def action_bury(self) -> None:
        if self.current is None or self._opening(then=self.action_bury):
            return

        def write() -> None:
            self.session.bury()
            self.show_current()
            self.notify(f"Buried until tomorrow ({self._undo_hint()}).", timeout=2)

        self._save("bury", write)

    def action_suspend(self) -> None:
        if self.current is None or self._opening(then=self.action_suspend):
            return

        def write() -> None:
            self.session.suspend()
            self.show_current()
            self.notify(f"Suspended: it won't be shown until you unsuspend it ({self._undo_hint()}).", timeout=3)

        self._save("suspend", write)

    # -- a write that did not reach the disk: said, retried, never passed over ------------

    RETRY_SECONDS = 3.0

    def _save(self, what: str, write, *, retrying: bool = False) -> bool:
        """Run `write` (a session write, then the redraw). If the write fails the session is
        as it was: the card stays on screen, the reason is shown, and it is retried until it
        is saved, another key replaces it, or the learner drops it (u)."""
        from flashdeck.services.study import WriteFailed  # SQLAlchemy: not before a quick start's first card

        self._stop_retrying()
        try:
            write()
        except WriteFailed as exc:
            self._unsaved = (what, write)
            banner = self.query_one("#unsaved", Static)
            banner.update(f"[b red]Not saved[/] ({escape(what)}): {escape(str(exc))}. Retrying every "
                          f"{self.RETRY_SECONDS:g} s; press the key again to retry now, "
                          f"{self._key('review.undo', 'u')} to drop it.")
            banner.display = True
            self._retry_timer = self.set_timer(self.RETRY_SECONDS, self._retry)
            return False
        was_unsaved, self._unsaved = self._unsaved, None
        self.query_one("#unsaved", Static).display = False
        if was_unsaved is not None and retrying:
            self.notify(f"Saved ({escape(was_unsaved[0])}).", timeout=3)
        return True

    def _retry(self) -> None:
        if self._unsaved is not None:
            what, write = self._unsaved
            self._save(what, write, retrying=True)

    def _stop_retrying(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _drop_unsaved(self) -> None:
        self._stop_retrying()
        self._unsaved = None
        self.query_one("#unsaved", Static).display = False

    def _undo_hint(self) -> str:
        """How to undo from here: on a card whose answer box has the focus (type_answers =
        "always"), u would be typed into it."""
        undo = f"{self._key('review.undo', 'u')} to undo"
        focusing = self.type_answers == "always" and self._open_box() is not None  # focus() lands later
        return f"Esc, then {undo}" if self._typing() or focusing else undo

    def action_escape(self) -> None:
        """Esc first leaves the answer box (keeping what was typed), then the screen."""
        if self._typing():
            self.focus_screen()
            return
        self.action_leave()

    def action_leave(self) -> None:
        if self._unsaved is not None:
            self.notify(f"Your {escape(self._unsaved[0])} is not saved yet (see above): wait for the retry, "
                        f"or press {self._key('review.undo', 'u')} to drop it, then leave.",
                        severity="warning", timeout=6)
            return
        if self.leave_quits:
            self.app.exit()
        else:
            self.app.pop_screen()


__all__ = ["ReviewScreen", "QUALITY_MEANINGS"]
