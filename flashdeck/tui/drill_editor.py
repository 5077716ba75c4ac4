"""What the drill screen and the mock's coding question share: the prompt beside a Python
editor, the check report under it, and checks run by the app's drill judge.

The judge is a background process that imported torch once (services.drills.new_judge); each
check runs the code in its own sandbox there. This process never imports torch or NumPy, and
a check runs in a thread worker, so an infinite loop in the learner's code costs a time-limit
message, never a frozen screen. What an attempt is (saving, grading, hints) is the subclass's.
"""

from __future__ import annotations

import time

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea
from textual.widgets.text_area import Selection

from flashdeck.services import drills as drill_service
from flashdeck.services.drills import Drill
from flashdeck.services.study import WriteFailed
from flashdeck.tui.actions import bindings
from flashdeck.tui.dialogs import AttemptsScreen
from flashdeck.tui.widgets.card_text import CardText

AUTOSAVE_DELAY = 0.5  # seconds of quiet typing before the code is saved
NOT_SAVED = (WriteFailed, OSError)  # the database refused it, or the workspace file could not be written


def reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


class ReportBox(VerticalScroll, can_focus=True):
    """The check report: focusable and maximizable, so the keyboard can scroll all of it."""

    ALLOW_MAXIMIZE = True


class DrillEditorScreen(Screen):
    """A drill's prompt, code and checks. Subclasses say what a check, a hint, giving up,
    saving and leaving mean, and draw the status line."""

    DEFAULT_CSS = """
    DrillEditorScreen #drill-main { height: 1fr; }
    DrillEditorScreen #drill-left { width: 2fr; padding: 0 1; }
    DrillEditorScreen #drill-right { width: 3fr; }
    DrillEditorScreen #code { height: 3fr; }
    DrillEditorScreen #results-box { height: 2fr; border-top: solid $primary-darken-2; padding: 0 1; }
    DrillEditorScreen #hints, DrillEditorScreen #solution { margin-top: 1; }
    DrillEditorScreen #drill-status { height: auto; padding: 0 1; background: $boost; }
    """
    BINDINGS = bindings("DrillEditorScreen")
    attempt = None  # the drill attempt shown, if the subclass keeps one

    def __init__(self, drill: Drill):
        super().__init__()
        self.drill = drill
        self.hints: list[str] = []
        self.hints_seen = 0
        self.checking = False
        self.judge_state = "starting"
        self._saved_code: str | None = None
        self._save_timer = None
        self.check_started = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="drill-status")
        with Horizontal(id="drill-main"):
            with VerticalScroll(id="drill-left"):
                yield CardText(id="prompt")
                yield CardText(id="hints")
                yield CardText(id="solution")
            with Vertical(id="drill-right"):
                yield code_editor()
                with ReportBox(id="results-box"):
                    yield Static(id="results")
        yield Footer()

    # -- the judge -----------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="judge-start")
    def warm_judge(self) -> None:
        why = drill_service.start_judge(self.app.judge())
        self.app.call_from_thread(self._judge_state, "ready" if why is None else f"unavailable: {why}")

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
        result = drill_service.run_check(self.app.judge(), self.app.ctx, self.drill.id, code)
        self.app.call_from_thread(self.check_done, code, result)

    def check_done(self, code: str, result) -> None:
        """A check's result is in (on the app's thread)."""
        raise NotImplementedError

    def report_text(self, result, *, verbose: bool, passed: str, report: Text | None = None,
                    diagnosis: bool = True) -> Text:
        """The check report (after what `report` holds): a one-line verdict (`passed` when
        every case passes), then the report `flashdeck drill check` prints (`diagnosis`: with
        the mistake the judge recognised, in yellow)."""
        report = report if report is not None else Text()
        if result.passed:
            report.append(passed + "\n\n", style="bold green")
        elif result.cases and not result.error:
            report.append(f"✗ {result.n_passed}/{len(result.cases)} cases pass: the first failure below.\n\n",
                          style="bold red")
        for line in drill_service.check_report(result, verbose=verbose, diagnosis=diagnosis).splitlines():
            style = "green" if line.startswith("✓") else "red" if line.startswith("✗") else \
                "bold yellow" if line.startswith(("Classic mistake:", "Looks like:")) else ""
            report.append(line + "\n", style=style)
        return report

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

    # -- what the subclass's attempt decides --------------------------------------------

    def action_hint(self) -> None:
        raise NotImplementedError

    def action_give_up(self) -> None:
        raise NotImplementedError

    def action_start_fresh(self) -> None:
        raise NotImplementedError

    def action_leave(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def _update_status(self) -> None:
        raise NotImplementedError

    def action_attempts(self) -> None:
        """Every attempt at this drill, its code read-only; Esc closes."""
        self.save()
        rows = drill_service.history(self.app.ctx, self.drill.id)
        self.app.push_screen(AttemptsScreen(self.drill.id, rows, self.attempt.id if self.attempt else None))

    # -- the editor ------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return self.query_one("#code", TextArea).text

    def load_code(self, code: str, *, select_todo: bool = True) -> None:
        """Put `code` in the editor, saved as it is; typing replaces the starter's
        `raise NotImplementedError`."""
        editor = self.query_one("#code", TextArea)
        editor.load_text(code)
        self._saved_code = code
        if select_todo:
            editor.selection = Selection(*first_todo(code))
        editor.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save)

    def _not_saved(self, what: str, exc: Exception) -> None:
        """A write that did not reach the disk: said, and nothing moves on as if it had."""
        self.notify(f"Not saved ({what}): {escape(reason(exc))}. Your code stays in the editor; "
                    "it is saved at the next change or check.", title="Not saved", severity="error", timeout=10)

    def action_edit(self) -> None:
        self.query_one("#code", TextArea).focus()

    def leave_editor(self) -> bool:
        """Esc first leaves the editor (True); Esc again (or q) leaves the screen."""
        editor = self.query_one("#code", TextArea)
        if not editor.has_focus:
            return False
        self.set_focus(None)
        self._update_status()
        return True

    def _set_results(self, text: Text) -> None:
        self.query_one("#results", Static).update(text)
        self.query_one("#results-box", VerticalScroll).scroll_home(animate=False)

    def judge_text(self) -> str:
        return {"ready": "judge ready", "starting": "judge loading torch…"}.get(self.judge_state,
                                                                              f"judge {self.judge_state}")

    def on_descendant_focus(self, event) -> None:
        self._update_status()

    def on_descendant_blur(self, event) -> None:
        self._update_status()


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


def code_editor() -> TextArea:
    """A Python code editor; without tree-sitter (textual[syntax]) it works unhighlighted."""
    try:
        editor = CodeEditor.code_editor(language="python", id="code", soft_wrap=True)
    except Exception:
        editor = CodeEditor.code_editor(id="code", soft_wrap=True)
    return editor


def first_todo(code: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """What to select on opening: the starter's `raise NotImplementedError`, else the end."""
    lines = code.splitlines()
    for row, line in enumerate(lines):
        if line.strip().startswith("raise NotImplementedError"):
            return (row, len(line) - len(line.lstrip())), (row, len(line.rstrip()))
    end = (len(lines), 0)
    return end, end
