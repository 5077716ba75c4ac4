"""The mock interview's report: the score, each question's grade and time, the topics weakest
first, the trend against earlier mocks; w writes it as Markdown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from flashdeck.domain.mock import clock_text
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockOptions
from flashdeck.tui.actions import bindings
from flashdeck.tui.mock_widgets import leave
from flashdeck.tui.widgets.card_text import card_markdown


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
        leave(self, self.leave_quits)


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
