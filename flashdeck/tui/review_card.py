"""The review card as drawn: front, symbols, answer box, the formula check, the revealed
answer and key points, the hint line, and the finished page. The review screen (and nothing
else) mixes this in; it owns the session and the keys, this owns what they show.

Kept apart from screens/review.py so that the screen reads as a dispatcher and no screen has
to import another screen to reuse the drawing. Light on purpose: a quick start draws its first
card through this before SQLAlchemy is imported, so nothing here imports the store or a
session at module level.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from flashdeck.services import answers
from flashdeck.services.answers import FormulaVerdict
from flashdeck.tui.actions import GRADE_LABELS
from flashdeck.tui.keymap import key_of
from flashdeck.tui.widgets.answer_box import FormulaBox, ScenarioBox
from flashdeck.tui.widgets.card_text import CardText

if TYPE_CHECKING:
    from flashdeck.domain.cards import CardView

ANSWER_BOXES = ("formula", "typed")  # the ids of the math and the scenario answer box
TYPED_KINDS = ("math", "scenario")


class ReviewCardView:
    """Mixed into ReviewScreen (a Screen): reads its `session`, `current`, `preview_queued`,
    `cram`, `leave_quits` and keeps `revealed`, `suggested`, `_checked` and `shown_at`."""

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
        self._refresh_footer()
        self._probe()

    def _refresh_footer(self) -> None:
        """Redraw the footer's keys when what decides them changed: check_action (t: a box to
        type in), the focus, and whether the focused box is empty (space is then the review's,
        not typed). Textual rebuilds the whole footer on every refresh_bindings, its keys'
        widgets restyled: some 12 ms of each grade when done for every card."""
        focused = self.focused
        in_box = focused is not None and focused.id in ANSWER_BOXES
        shown = (self.check_action("type_answer", ()), focused.id if focused is not None else None,
                 in_box and not self._box_text(focused))
        if shown != self.__dict__.get("_footer_shows"):
            self._footer_shows = shown
            self.refresh_bindings()

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
        self._refresh_footer()
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
        self._refresh_footer()

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
