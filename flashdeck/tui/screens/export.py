"""Export to Anki from the home screen: choose a file, optionally carry progress, write it."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from flashdeck.tui.actions import bindings


def default_path(deck_id: str | None) -> Path:
    return Path.home() / f"flashdeck-{deck_id or 'all'}.apkg"


class ExportScreen(ModalScreen[None]):
    """Export one deck (or every deck) to an .apkg; the work runs in a thread worker."""

    BINDINGS = bindings("ExportScreen")

    def __init__(self, deck_id: str | None, deck_title: str | None):
        super().__init__()
        self.deck_id = deck_id
        self.deck_title = deck_title
        self.running = False

    def compose(self) -> ComposeResult:
        what = f"the deck [b]{escape(self.deck_title)}[/b]" if self.deck_id else "[b]every deck[/b]"
        with Vertical(id="export-dialog"):
            yield Label(f"Export {what} to an Anki package (.apkg)")
            yield Input(str(default_path(self.deck_id)), id="export-path")
            yield Checkbox("Include my progress (intervals, ease, review history)", id="export-progress")
            yield ProgressBar(id="export-bar", show_eta=False)
            yield Static(id="export-status")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-bar").display = False
        self.query_one("#export-path", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.start()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.running:  # a half-done export is never left behind, but let it finish
            self.dismiss(None)

    def start(self) -> None:
        if self.running:
            return
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.query_one("#export-status", Static).update("[red]Give a file name ending in .apkg.[/red]")
            return
        path = Path(text).expanduser()
        if path.suffix != ".apkg":
            path = path.with_name(path.name + ".apkg")
        self.running = True
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-bar").display = True
        self.query_one("#export-status", Static).update("Writing…")
        self.export(path, self.query_one("#export-progress", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self, path: Path, include_progress: bool) -> None:
        from flashdeck.services import export as export_service  # SQLAlchemy and the .apkg writer: ~1.5 s

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.query_one("#export-bar", ProgressBar).update, total=total, progress=done)

        try:
            report = export_service.export_anki(
                self.app.ctx, path, [self.deck_id] if self.deck_id else None,
                include_progress=include_progress, progress=progress)
        except (export_service.SelectionError, export_service.NothingToExport, export_service.PackageError) as exc:
            self.app.call_from_thread(self.failed, str(exc))
            return
        self.app.call_from_thread(self.finished, report)

    def failed(self, message: str) -> None:
        self.running = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-bar").display = False
        self.query_one("#export-status", Static).update(f"[red]✗ {escape(message)}[/red]")

    def finished(self, report) -> None:
        self.running = False
        extra = f", {report.reviewed} with progress and {report.revlog} reviews" if report.reviewed else ""
        message = f"Wrote {report.notes} notes in {len(report.decks)} deck(s){extra} to {report.path}"
        self.app.notify(message + ". In Anki: File → Import.", title="Exported", timeout=10)
        self.dismiss(None)
