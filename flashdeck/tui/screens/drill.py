"""Coding drills in the TUI: the drill list, and the drill screen (prompt beside a code editor).

The learner's code is judged by the app's WarmJudge: a background process that imported torch
once; each check runs the code in its own sandbox there. This process never imports torch or
NumPy, and the check runs in a thread worker, so an infinite loop in the learner's code costs
a time-limit message, never a frozen screen.
"""

from __future__ import annotations

import time

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static, TextArea
from textual.widgets.text_area import Selection

from flashdeck.domain.drills import OUTCOME_LABELS
from flashdeck.drills.catalog import Drill, get_drill, list_drills
from flashdeck.services import drills as drill_service
from flashdeck.services.study import WriteFailed
from flashdeck.tui.widgets.card_text import CardText

AUTOSAVE_DELAY = 0.5  # seconds of quiet typing before the code is saved
_NOT_SAVED = (WriteFailed, OSError)  # the database refused it, or the workspace file could not be written


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def judge_for(app):
    """The app's warm judge, created (not started) on first use; the app closes it on exit."""
    judge = getattr(app, "drill_judge", None)
    if judge is None:
        from flashdeck.drills.service import WarmJudge

        judge = WarmJudge(root=app.ctx.bundled_drills)
        app.drill_judge = judge
        app.owns_drill_judge = True
    return judge


def close_judge(app) -> None:
    """Stop the judge process the app started (one handed in by its caller is the caller's)."""
    judge = getattr(app, "drill_judge", None)
    if judge is not None and getattr(app, "owns_drill_judge", False):
        judge.close()


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or Enter for yes, n or Esc for no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Static { width: 60; padding: 1 2; border: thick $warning; background: $surface; }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(self.question + "\n\n[b]y[/b] yes    [b]n[/b] no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ReportBox(VerticalScroll, can_focus=True):
    """The check report: focusable and maximizable, so the keyboard can scroll all of it."""

    ALLOW_MAXIMIZE = True


class DrillScreen(Screen):
    """One drill. Dismissed with the grade its attempt gave (None: left unfinished)."""

    DEFAULT_CSS = """
    DrillScreen #drill-main { height: 1fr; }
    DrillScreen #drill-left { width: 2fr; padding: 0 1; }
    DrillScreen #drill-right { width: 3fr; }
    DrillScreen #code { height: 3fr; }
    DrillScreen #results-box { height: 2fr; border-top: solid $primary-darken-2; padding: 0 1; }
    DrillScreen #hints, DrillScreen #solution { margin-top: 1; }
    DrillScreen #drill-status { height: auto; padding: 0 1; background: $boost; }
    """
    BINDINGS = [
        Binding("ctrl+r", "check", "Run checks", priority=True, id="drill.check"),
        Binding("ctrl+t", "hint", "Hint", priority=True, id="drill.hint"),
        Binding("ctrl+g", "give_up", "Give up", priority=True, id="drill.give_up"),
        Binding("ctrl+o", "report", "Report", priority=True, id="drill.report"),
        # not ctrl+y: the editor's redo. Not in the footer (80 columns are full): the report
        # area names both when there are earlier attempts or this one is finished
        Binding("ctrl+l", "attempts", "Attempts", show=False, priority=True, id="drill.attempts"),
        Binding("ctrl+n", "start_fresh", "Start fresh", show=False, priority=True, id="drill.fresh"),
        Binding("h", "hint", "Hint", show=False, id="drill.hint_h"),
        Binding("g", "give_up", "Give up", show=False, id="drill.give_up_g"),
        Binding("e", "edit", "Edit", show=False, id="drill.edit"),
        Binding("a", "attempts", "Attempts", show=False, id="drill.attempts_a"),
        Binding("escape", "leave", "Leave", id="drill.leave"),
        Binding("q", "leave", "Leave", show=False, id="drill.leave_q"),
    ]

    def __init__(self, drill_id: str, *, fresh: bool = False, study=None, leave_quits: bool = False):
        super().__init__()
        self.drill: Drill = get_drill(drill_id)
        self.fresh = fresh
        self.study = study  # the StudySession this drill card came from, if any
        self.leave_quits = leave_quits
        self.attempt = None
        self.hints = self.drill.hints()
        self.hints_seen = 0
        self.checking = False
        self.finished_quality: int | None = None
        self.judge_state = "starting"
        self._saved_code: str | None = None
        self._save_timer = None
        self.check_started = 0.0
        self._probed = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="drill-status")
        with Horizontal(id="drill-main"):
            with VerticalScroll(id="drill-left"):
                yield CardText(id="prompt")
                yield CardText(id="hints")
                yield CardText(id="solution")
            with Vertical(id="drill-right"):
                yield _code_editor()
                with ReportBox(id="results-box"):
                    yield Static(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prompt", CardText).show(self.drill.prompt())
        self._load(drill_service.open_attempt(self.app.ctx, self.drill.id, fresh=self.fresh), fresh=self.fresh)
        self.warm_judge()

    def _load(self, attempt, *, fresh: bool) -> None:
        """Show `attempt`: its code in the editor, its hints, what reopening it means."""
        ctx = self.app.ctx
        self.attempt = attempt
        self.hints_seen = min(self.attempt.hints_shown, len(self.hints))
        editor = self.query_one("#code", TextArea)
        editor.load_text(self.attempt.code)
        self._saved_code = self.attempt.code
        start, end = _first_todo(self.attempt.code)
        editor.selection = Selection(start, end)  # typing replaces the starter's `raise NotImplementedError`
        editor.focus()
        self.query_one("#solution").display = False
        self._show_hints()
        path = drill_service.workspace_file(ctx, self.drill.id)
        intro = f"[b]Ctrl+R[/b] runs the checks. Your code is saved as you type to\n{path}"
        earlier = self._done_before()
        if fresh:
            intro += (f"\n\n[b]Implement it {'again ' if earlier else ''}from scratch:[/b] "
                      "a fresh starter." + (" [b]Ctrl+L[/b] shows your earlier attempts." if earlier else ""))
        elif self.attempt.finished:
            grade = f", graded {self.attempt.quality}" if self.attempt.quality is not None else ""
            when = drill_service.local_time(ctx, self.attempt.finished_at)
            intro += (f"\n\n[b]Your code from your last attempt[/b] ({self.attempt.status}{grade}, "
                      f"{when:%d %b %H:%M}). Checks no longer grade it. [b]Ctrl+N[/b] starts again from "
                      "the starter, a new graded attempt; [b]Ctrl+L[/b] shows this one and the others.")
        elif earlier:
            intro += "\n\n[b]Ctrl+L[/b] shows your earlier attempts; [b]Ctrl+N[/b] starts again from the starter."
        self._set_results(Text.from_markup(intro))
        self._update_status()

    def _done_before(self) -> bool:
        """Has the learner worked on this drill before this attempt?"""
        return any(a.id != self.attempt.id for a in drill_service.attempts(self.app.ctx, self.drill.id))

    # -- the judge -----------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="judge-start")
    def warm_judge(self) -> None:
        from flashdeck.drills.service import JudgeError

        try:
            judge_for(self.app).start(wait=True)
            state = "ready"
        except JudgeError as exc:
            state = f"unavailable: {exc}"
        self.app.call_from_thread(self._judge_state, state)

    def _judge_state(self, state: str) -> None:
        self.judge_state = state
        self._update_status()

    def action_check(self) -> None:
        if self.checking:
            self.notify("A check is already running.", timeout=2)
            return
        code = self.code
        self.save()
        self.checking = True
        self.check_started = time.monotonic()
        waiting = " (the judge is still loading PyTorch, first time only)" if self.judge_state != "ready" else ""
        self._set_results(Text(f"checking…{waiting}", style="dim"))
        self._update_status()
        self.run_check(code)

    @work(thread=True, exit_on_error=False, exclusive=True, group="check")
    def run_check(self, code: str) -> None:
        from flashdeck.drills.result import CheckResult
        from flashdeck.drills.service import JudgeError

        path = drill_service.workspace_file(self.app.ctx, self.drill.id)
        try:
            result = judge_for(self.app).check(self.drill.id, code, filename=path.name,
                                               display_path=str(path))
        except JudgeError as exc:
            result = CheckResult(drill_id=self.drill.id, passed=False, error=f"the judge could not start: {exc}")
        except Exception as exc:  # never leave the screen stuck in "checking…"
            result = CheckResult(drill_id=self.drill.id, passed=False, error=f"the check failed: {exc}")
        self.app.call_from_thread(self.check_done, code, result)

    def check_done(self, code: str, result) -> None:
        from flashdeck.drills.result import format_report

        self.checking = False
        self.last_check_seconds = time.monotonic() - self.check_started
        if self.judge_state != "ready" and result.error is None:
            self.judge_state = "ready"
        report = Text()
        try:
            done = drill_service.record_check(self.app.ctx, self.attempt.id, code, result.passed, study=self.study)
        except _NOT_SAVED as exc:
            done = None
            self._not_saved("this check", exc)
            report.append(f"Not saved: {_reason(exc)}. This check is not recorded and grades nothing; "
                          "check again once it can be saved.\n\n", style="bold red")
        self.attempt = drill_service.get_attempt(self.app.ctx, self.attempt.id)
        if result.passed:
            report.append("✓ All cases pass.\n\n", style="bold green")
        elif result.cases and not result.error:
            report.append(f"✗ {result.n_passed}/{len(result.cases)} cases pass: the first failure below.\n\n",
                          style="bold red")
        # the whole of `drill check --verbose`: every failing case's details, and the output
        for line in format_report(result, verbose=True).splitlines():
            style = "green" if line.startswith("✓") else "red" if line.startswith("✗") else ""
            report.append(line + "\n", style=style)
        if done is not None:
            self._finished(done)
        self._set_results(report)
        self._update_status()
        self._say_isolation_once(result)
        if self.app.first_card_probe and not self._probed:  # benchmark/test hook: modules imported
            self._probed = True
            self.call_after_refresh(self.app.first_card_shown)

    def action_report(self) -> None:
        """The report fills the screen and takes the keys (arrows, PgUp/PgDn, Home/End scroll);
        again, or Esc, puts it back under the editor."""
        box = self.query_one("#results-box", ReportBox)
        if self.maximized is not None:
            self.minimize()
            self.query_one("#code", TextArea).focus()
            return
        self.maximize(box, container=False)
        box.focus()

    def _say_isolation_once(self, result) -> None:
        """A judge that fell back to a process group says so once per session, not per check."""
        if result.isolation in ("namespaces", "none") or self.app.isolation_said:
            return
        self.app.isolation_said = True
        self.notify(f"Your code runs less contained here ({result.isolation}: "
                    f"{result.isolation_why or 'namespaces refused'}). "
                    "`flashdeck drill doctor` explains; checks work as usual.",
                    severity="warning", timeout=8)

    # -- earlier attempts, a fresh start -------------------------------------------------

    def action_attempts(self) -> None:
        """Every attempt at this drill, its code read-only; Esc closes."""
        self.save()
        rows = drill_service.history(self.app.ctx, self.drill.id)
        self.app.push_screen(AttemptsScreen(self.drill.id, rows, self.attempt.id if self.attempt else None))

    def action_start_fresh(self) -> None:
        if self.checking:
            self.notify("A check is running: start fresh once it is done.", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.save()
            self._load(drill_service.open_attempt(self.app.ctx, self.drill.id, fresh=True), fresh=True)

        self.app.push_screen(ConfirmScreen(
            "Start again from the starter?\nThis attempt and its code are kept (Ctrl+L shows them); "
            "the new attempt's outcome grades the drill's card."), answered)

    # -- hints, give up, solution ---------------------------------------------------------

    def action_hint(self) -> None:
        if self.hints_seen >= len(self.hints):
            self.notify("No more hints." + ("" if self.attempt.finished else " Ctrl+G gives up and shows the solution."),
                        timeout=3)
            return
        if not self.attempt.finished:
            try:
                drill_service.record_hint(self.app.ctx, self.attempt.id)
            except _NOT_SAVED as exc:
                self._not_saved("the hint", exc)
                return
            self.attempt = drill_service.get_attempt(self.app.ctx, self.attempt.id)
        self.hints_seen += 1
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
                done = drill_service.give_up(self.app.ctx, self.attempt.id, self.code, study=self.study)
            except _NOT_SAVED as exc:
                self._not_saved("giving up", exc)
                return
            self.attempt = drill_service.get_attempt(self.app.ctx, self.attempt.id)
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
        self._show_solution()

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
        hints.show("\n\n".join(f"**Hint {i}/{len(self.hints)}.** {h}"
                               for i, h in enumerate(self.hints[: self.hints_seen], 1)))
        hints.display = True

    # -- saving and leaving ----------------------------------------------------------------

    @property
    def code(self) -> str:
        return self.query_one("#code", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save)

    def save(self) -> None:
        if self.attempt is None:
            return
        code = self.code
        if code == self._saved_code:
            return
        try:
            drill_service.save_code(self.app.ctx, self.attempt.id, self.drill.id, code)
        except _NOT_SAVED as exc:
            self._not_saved("your code", exc)
            return
        self._saved_code = code

    def _not_saved(self, what: str, exc: Exception) -> None:
        """A write that did not reach the disk: said, and nothing moves on as if it had."""
        self.notify(f"Not saved ({what}): {escape(_reason(exc))}. Your code stays in the editor; "
                    "it is saved at the next change or check.", title="Not saved", severity="error", timeout=10)

    def on_unmount(self) -> None:
        try:
            self.save()
        except Exception:  # the app is closing; the last autosave is at most 0.5 s old
            pass

    def action_edit(self) -> None:
        self.query_one("#code", TextArea).focus()

    def action_leave(self) -> None:
        editor = self.query_one("#code", TextArea)
        if editor.has_focus:  # Esc first leaves the editor; Esc again (or q) leaves the drill
            self.set_focus(None)
            self._update_status()
            return
        self.save()
        if self.leave_quits:
            self.app.exit(self.finished_quality)
        else:
            self.dismiss(self.finished_quality)

    # -- drawing ---------------------------------------------------------------------------

    def _set_results(self, text: Text) -> None:
        self.query_one("#results", Static).update(text)
        self.query_one("#results-box", VerticalScroll).scroll_home(animate=False)

    def _update_status(self) -> None:
        a = self.attempt
        if a is None:
            return
        if a.finished:
            outcome = "passed" if a.passed else "gave up" if a.gave_up else "closed"
            state = f"[b]{outcome}[/b]" + (f" · graded {a.quality}" if a.quality is not None else "")
        else:
            state = "checking…" if self.checking else "in progress"
        judge = {"ready": "judge ready", "starting": "judge loading torch…"}.get(self.judge_state, f"judge {self.judge_state}")
        editing = "" if isinstance(self.focused, TextArea) else " · [b]e[/b] edit"
        self.query_one("#drill-status", Static).update(
            f"[b]{self.drill.id}[/b] · {self.drill.difficulty} · {state} · checks {a.checks_run} · "
            f"hints {self.hints_seen}/{len(self.hints)} · {judge}{editing}")

    def on_descendant_focus(self, event) -> None:
        self._update_status()

    def on_descendant_blur(self, event) -> None:
        self._update_status()


class AttemptsScreen(ModalScreen[None]):
    """A drill's attempts, oldest first, and the highlighted one's code (read-only). Esc closes."""

    DEFAULT_CSS = """
    AttemptsScreen { align: center middle; }
    AttemptsScreen > Vertical { width: 96%; height: 94%; border: thick $primary; background: $surface; }
    AttemptsScreen #attempts-title { padding: 0 1; }
    AttemptsScreen #attempts-table { height: auto; max-height: 8; }
    AttemptsScreen #attempt-code { height: 1fr; }
    AttemptsScreen #attempts-hint { color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q", "close", "Close", id="attempts.close")]

    def __init__(self, drill_id: str, rows: list[dict], current_id: int | None):
        super().__init__()
        self.drill_id, self.rows, self.current_id = drill_id, rows, current_id

    def compose(self) -> ComposeResult:
        with Vertical():
            current = next((r["number"] for r in self.rows if r["id"] == self.current_id), None)
            on_screen = f"; #{current} is the one on the drill screen" if current is not None else ""
            yield Static(f"[b]Attempts at {self.drill_id}[/b] ({len(self.rows)}, oldest first{on_screen})",
                         id="attempts-title")
            table = DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
            for label in ("#", "Started", "Finished", "Outcome", "Checks", "Hints", "Grade"):
                table.add_column(label, key=label.lower())
            yield table
            yield TextArea(id="attempt-code", read_only=True, show_line_numbers=True, soft_wrap=False)
            yield Static("↑↓ choose an attempt · Tab to its code · Esc closes", id="attempts-hint")

    def on_mount(self) -> None:
        code = self.query_one("#attempt-code", TextArea)
        try:
            code.language = "python"
        except Exception:  # no tree-sitter: unhighlighted
            pass
        table = self.query_one(DataTable)
        for r in self.rows:
            table.add_row(str(r["number"]), _short_time(r["started"]),
                          _short_time(r["finished"]) if r["finished"] else "—",
                          r["status"], str(r["checks_run"]), str(r["hints_shown"]),
                          "—" if r["grade"] is None else str(r["grade"]), key=str(r["number"]))
        earlier = [i for i, r in enumerate(self.rows) if r["id"] != self.current_id]
        if earlier:  # the latest earlier attempt: the one a fresh start left behind
            table.move_cursor(row=earlier[-1])
            self._show(earlier[-1])
        elif self.rows:
            self._show(0)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.query_one("#attempt-code", TextArea).load_text(self.rows[index]["code"])

    def action_close(self) -> None:
        self.dismiss(None)


def _short_time(iso: str) -> str:
    """'2025-03-02T17:44:05+01:00' -> '02 Mar 17:44' (an attempt list fits in 80 columns)."""
    from datetime import datetime

    return f"{datetime.fromisoformat(iso):%d %b %H:%M}"


class CodeEditor(TextArea):
    """TextArea for Python: Enter keeps the indentation (one level more after a ':'),
    Backspace in leading spaces removes one level."""

    async def _on_key(self, event) -> None:
        if not self.read_only and event.key in ("enter", "backspace") and self.selection.is_empty:
            row, col = self.cursor_location
            line = self.document.get_line(row)
            before = line[:col]
            if event.key == "enter":
                indent = line[: len(line) - len(line.lstrip(" "))][:col]
                if before.rstrip().endswith(":"):
                    indent += " " * self.indent_width
                event.stop()
                event.prevent_default()
                self._replace_via_keyboard("\n" + indent, *self.selection)
                return
            if col and not before.strip(" ") and self.indent_type == "spaces":
                width = (col - 1) % self.indent_width + 1
                event.stop()
                event.prevent_default()
                self._replace_via_keyboard("", (row, col - width), (row, col))
                return
        await super()._on_key(event)


def _code_editor() -> TextArea:
    """A Python code editor; without tree-sitter (textual[syntax]) it works unhighlighted."""
    try:
        editor = CodeEditor.code_editor(language="python", id="code", soft_wrap=True)
    except Exception:
        editor = CodeEditor.code_editor(id="code", soft_wrap=True)
    return editor


def _first_todo(code: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """What to select on opening: the starter's `raise NotImplementedError`, else the end."""
    lines = code.splitlines()
    for row, line in enumerate(lines):
        if line.strip().startswith("raise NotImplementedError"):
            return (row, len(line) - len(line.lstrip())), (row, len(line.rstrip()))
    end = (len(lines), 0)
    return end, end


class DrillListScreen(Screen):
    """Every drill with its card's schedule; Enter starts the highlighted one."""

    DEFAULT_CSS = """
    DrillListScreen #drill-list-box { padding: 1 2; }
    DrillListScreen #drill-table { height: 1fr; }
    DrillListScreen #drill-list-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("enter", "start", "Start drill", show=True, id="drills.start"),
        Binding("q,escape", "leave", "Back", id="drills.leave"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="drill-list-box"):
            table = DataTable(id="drill-table", cursor_type="row", zebra_stripes=True)
            table.add_column("Drill", key="title")
            table.add_column("Level", key="level")
            table.add_column("Next", key="due")
            table.add_column("Last attempt", key="last")
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
        last = {}
        for a in drill_service.attempts(ctx):
            last[a.drill_id] = a
        for d in list_drills(ctx.bundled_drills):
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
            table.add_row(d.title, d.difficulty, due_text, last_text, key=d.id)
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))

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
