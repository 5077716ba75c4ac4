"""Coding drills in the TUI: the drill list, and the drill screen (prompt beside a code editor,
checked by the app's drill judge: see tui.drill_editor)."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TextArea

from flashdeck.domain.drill_records import clock, from_memory
from flashdeck.domain.drills import OUTCOME_LABELS, next_hint
from flashdeck.services import drill_records
from flashdeck.services import drills as drill_service
from flashdeck.tui.actions import bindings
from flashdeck.tui.dialogs import ConfirmScreen
from flashdeck.tui.drill_editor import NOT_SAVED, DrillEditorScreen, reason
from flashdeck.tui.widgets.card_text import CardText


class DrillScreen(DrillEditorScreen):
    """One drill. Dismissed with the grade its attempt gave (None: left unfinished)."""

    def __init__(self, drill_id: str, *, fresh: bool = False, study=None, leave_quits: bool = False):
        drill = drill_service.find_drill(drill_id)
        super().__init__(drill)
        self.session: drill_service.DrillSession | None = None  # from mounting on: the app's Context is needed
        self._study = study  # the StudySession this drill card came from, if any
        self.fresh = fresh
        self.leave_quits = leave_quits
        self.hints = drill.hints()
        self.finished_quality: int | None = None
        self.best = None  # the fastest pass from memory before this one (a timedelta)
        self._probed = False

    @property
    def attempt(self):
        return self.session.attempt if self.session is not None else None

    @property
    def study(self):
        return self._study

    def on_mount(self) -> None:
        self.session = drill_service.DrillSession(self.app.ctx, self.drill, study=self._study)
        self.query_one("#prompt", CardText).show(self.drill.prompt())
        self._load(fresh=self.fresh)
        self.warm_judge()
        self.set_interval(1.0, self._update_status)  # the "from memory" timer

    def _load(self, *, fresh: bool) -> None:
        """Open the attempt and show it: its code in the editor, its hints, what reopening it means."""
        ctx = self.app.ctx
        attempt = self.session.open(fresh=fresh)
        self.hints_seen = min(attempt.hints_shown, len(self.hints))  # (reopened: the first ones)
        self.mistake_hint: int | None = None  # the hint about the mistake the last check named
        self.best = drill_records.drill_record(ctx, self.drill.id).best
        self.load_code(attempt.code)
        self.query_one("#solution").display = False
        self._show_hints()
        intro = f"[b]Ctrl+R[/b] runs the checks. Your code is saved as you type to\n{self.session.workspace}"
        earlier = self.session.done_before()
        if fresh:
            intro += (f"\n\n[b]Implement it {'again ' if earlier else ''}from scratch:[/b] "
                      "a fresh starter." + (" [b]Ctrl+L[/b] shows your earlier attempts." if earlier else ""))
        elif attempt.finished:
            grade = f", graded {attempt.quality}" if attempt.quality is not None else ""
            when = drill_service.local_time(ctx, attempt.finished_at)
            intro += (f"\n\n[b]Your code from your last attempt[/b] ({attempt.status}{grade}, "
                      f"{when:%d %b %H:%M}). Checks no longer grade it. [b]Ctrl+N[/b] starts again from "
                      "the starter, a new graded attempt; [b]Ctrl+L[/b] shows this one and the others.")
        elif earlier:
            intro += "\n\n[b]Ctrl+L[/b] shows your earlier attempts; [b]Ctrl+N[/b] starts again from the starter."
        self._set_results(Text.from_markup(intro))
        self._update_status()

    # -- a check's result ------------------------------------------------------------------

    def check_done(self, code: str, result) -> None:
        self.checking = False
        self.last_check_seconds = time.monotonic() - self.check_started
        if self.judge_state != "ready" and result.error is None:
            self.judge_state = "ready"
        report = Text()
        try:
            named = None if result.passed or result.diagnosis is None else result.diagnosis.headline()
            done = self.session.record_check(code, result.passed, named)
        except NOT_SAVED as exc:
            done = None
            self._not_saved("this check", exc)
            report.append(f"Not saved: {reason(exc)}. This check is not recorded and grades nothing; "
                          "check again once it can be saved.\n\n", style="bold red")
        # the whole of `drill check --verbose`: every failing case's details, and the output
        self.report_text(result, verbose=True, passed="✓ All cases pass.", report=report)
        if done is not None:
            self._finished(done)
        self._set_results(report)
        self._update_status()
        self._say_isolation_once(result)
        diagnosis = None if result.passed else result.diagnosis
        self.mistake_hint = diagnosis.hint if diagnosis is not None else None
        offered = next_hint(self.shown_hints, len(self.hints), self.mistake_hint)
        if self.mistake_hint is not None and offered == self.mistake_hint:
            self.notify(f"Ctrl+T shows hint {self.mistake_hint}, about this mistake.", timeout=5)
        if self.app.first_card_probe and not self._probed:  # benchmark/test hook: modules imported
            self._probed = True
            self.call_after_refresh(self.app.first_card_shown)

    def _say_isolation_once(self, result) -> None:
        """A judge that fell back to a process group says so once per session, not per check."""
        if result.isolation in ("namespaces", "none") or self.app.isolation_said:
            return
        self.app.isolation_said = True
        self.notify(f"Your code runs less contained here ({result.isolation}: "
                    f"{result.isolation_why or 'namespaces refused'}). "
                    "`flashdeck drill doctor` explains; checks work as usual.",
                    severity="warning", timeout=8)

    # -- a fresh start -------------------------------------------------------------------

    def action_start_fresh(self) -> None:
        if self.checking:
            self.notify("A check is running: start fresh once it is done.", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.save()
            self._load(fresh=True)

        self.app.push_screen(ConfirmScreen(
            "Start again from the starter?\nThis attempt and its code are kept (Ctrl+L shows them); "
            "the new attempt's outcome grades the drill's card."), answered)

    # -- hints, give up, solution ---------------------------------------------------------

    @property
    def hints_seen(self) -> int:
        return len(self.shown_hints)

    @hints_seen.setter
    def hints_seen(self, count: int) -> None:
        # 1-based, in the order shown: a recognised mistake's hint may come out of turn (the
        # attempt only counts hints)
        self.shown_hints = list(range(1, count + 1))

    def action_hint(self) -> None:
        number = next_hint(self.shown_hints, len(self.hints), self.mistake_hint)
        if number is None:
            self.notify("No more hints." + ("" if self.attempt.finished else " Ctrl+G gives up and shows the solution."),
                        timeout=3)
            return
        if not self.attempt.finished:
            try:
                self.session.record_hint()
            except NOT_SAVED as exc:
                self._not_saved("the hint", exc)
                return
        self.shown_hints.append(number)
        self._show_hints()
        self.query_one("#drill-left", VerticalScroll).scroll_end(animate=False)
        self._update_status()

    def action_give_up(self) -> None:
        if self.attempt.finished:
            self._show_solution()
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.save()
            try:
                done = self.session.give_up(self.code)
            except NOT_SAVED as exc:
                self._not_saved("giving up", exc)
                return
            if done is not None:
                self._finished(done)
            self._update_status()

        self.app.push_screen(ConfirmScreen(
            "Give up and see the solution?\nThe drill's card is graded 1 (it comes back soon)."), answered)

    def _finished(self, done) -> None:
        self.finished_quality = done.quality
        label = OUTCOME_LABELS.get(done.quality, "")
        graded = f"graded {done.quality} ({label})" if done.graded else f"{label} (no card to grade)"
        back = "; q goes back to the review" if self.study is not None else ""
        self.notify(f"Drill {graded}{back}.", timeout=6)
        self._say_record()
        self._show_solution()

    def _say_record(self) -> None:
        """A pass from memory faster than every earlier one is a personal best: say so."""
        attempt = self.attempt
        took = from_memory(attempt) if attempt is not None else None
        if took is None:
            return
        beaten = drill_records.beaten_best(self.app.ctx, attempt.id)
        if beaten is None:
            return
        was = "your first pass from memory" if beaten == beaten.max else f"was {clock(beaten)}"
        self.best = took
        self.notify(f"New personal best: {clock(took)} ({was}).", title="Personal best", timeout=8)

    def _show_solution(self) -> None:
        solution = self.query_one("#solution", CardText)
        code = self.drill.solution_path.read_text(encoding="utf-8").rstrip()
        solution.show(f"**Reference solution**\n\n```python\n{code}\n```")
        solution.display = True
        self.call_after_refresh(self.query_one("#drill-left", VerticalScroll).scroll_to_widget, solution)

    def _show_hints(self) -> None:
        hints = self.query_one("#hints", CardText)
        if not self.hints_seen:
            hints.display = False
            return
        hints.show("\n\n".join(f"**Hint {n}/{len(self.hints)}.** {self.hints[n - 1]}"
                               + (" *(about the mistake the check named)*" if n == self.mistake_hint else "")
                               for n in self.shown_hints))
        hints.display = True

    # -- saving and leaving ----------------------------------------------------------------

    def save(self) -> None:
        if self.attempt is None:
            return
        code = self.code
        if code == self._saved_code:
            return
        try:
            self.session.save(code)
        except NOT_SAVED as exc:
            self._not_saved("your code", exc)
            return
        self._saved_code = code

    def on_unmount(self) -> None:
        try:
            self.save()
        except Exception:  # the app is closing; the last autosave is at most 0.5 s old
            pass

    def action_leave(self) -> None:
        if self.leave_editor():
            return
        self.save()
        if self.leave_quits:
            self.app.exit(self.finished_quality)
        else:
            self.dismiss(self.finished_quality)

    def _update_status(self) -> None:
        a = self.attempt
        if a is None:
            return
        if a.finished:
            outcome = "passed" if a.passed else "gave up" if a.gave_up else "closed"
            state = f"[b]{outcome}[/b]" + (f" · graded {a.quality}" if a.quality is not None else "")
        else:
            state = "checking…" if self.checking else "in progress"
        editing = "" if isinstance(self.focused, TextArea) else " · [b]e[/b] edit"
        self.query_one("#drill-status", Static).update(
            f"[b]{self.drill.id}[/b] · {self.drill.difficulty} · {state} · {self._timer(a)} · "
            f"checks {a.checks_run} · hints {self.hints_seen}/{len(self.hints)} · {self.judge_text()}{editing}")

    def _timer(self, a) -> str:
        """The time since this attempt started (its final time once it ends), and the best."""
        end = a.finished_at if a.finished else self.app.ctx.now_utc()
        hinted = a.hints_shown > 0 or self.hints_seen > 0
        timer = f"⏱ {clock(end - a.started_at)}" + (" hinted" if hinted else "")
        return timer + (f" (best {clock(self.best)})" if self.best is not None else "")


TABLE_CHROME = 8  # the box's padding, the title column's cell padding and the scrollbar


def _fit(title: str, width: int) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


class DrillListScreen(Screen):
    """Every drill with its card's schedule; Enter starts the highlighted one."""

    DEFAULT_CSS = """
    DrillListScreen #drill-list-box { padding: 1 2; }
    DrillListScreen #drill-table { height: 1fr; }
    DrillListScreen #drill-list-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = bindings("DrillListScreen")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="drill-list-box"):
            table = DataTable(id="drill-table", cursor_type="row", zebra_stripes=True)
            table.add_column("Drill", key="title")
            table.add_column("Level", key="level", width=6)
            table.add_column("Next", key="due", width=6)
            table.add_column("Last attempt", key="last", width=15)
            table.add_column("Best", key="best", width=7)
            table.add_column("Tries", key="tries", width=5)
            yield table
            yield Static("Enter: open the highlighted drill · q: back", id="drill-list-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        ctx = self.app.ctx
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        schedule = drill_service.schedule(ctx)
        records = drill_records.all_records(ctx)
        # the title gives way, so that the level, schedule and record stay on screen at 80 columns
        title_width = max(16, self.app.size.width - TABLE_CHROME - sum(
            c.get_render_width(table) for c in table.columns.values() if c.key != "title"))
        last = {}
        for a in drill_service.attempts(ctx):
            last[a.drill_id] = a
        for d in drill_service.catalog(ctx):
            due = schedule.get(d.id)
            if due is None:
                due_text = Text("new", style="cyan")
            elif due <= ctx.today():
                due_text = Text("due", style="bold green")
            else:
                due_text = Text(f"{due:%d %b}")
            a = last.get(d.id)
            if a is None:
                last_text = Text("—", style="dim")
            elif not a.finished:
                last_text = Text("in progress", style="yellow")
            elif a.passed:
                last_text = Text(f"passed ({a.quality})", style="green")
            elif a.gave_up:
                last_text = Text("gave up", style="red")
            else:
                last_text = Text("left unfinished", style="dim")
            r = records.get(d.id)
            best = Text(clock(r.best)) if r is not None and r.best is not None else Text("—", style="dim")
            tries = Text(str(r.attempts if r is not None else 0), justify="right")
            table.add_row(_fit(d.title, title_width), d.difficulty, due_text, last_text, best, tries, key=d.id)
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))

    def on_resize(self) -> None:
        self.refresh_rows()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(DrillScreen(event.row_key.value))

    def action_start(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.app.push_screen(DrillScreen(row_key.value))

    def action_leave(self) -> None:
        self.app.pop_screen()
