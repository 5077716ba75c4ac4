"""Every key binding of the TUI, by id: its default key(s), its action, its footer label and
the screen it belongs to.

One table, read by the screens (their BINDINGS), by the keymap ([keys] in config.toml: an id
not here is unknown, two ids of one group may not share a key) and by `flashdeck config show`.
It imports no screen and no app, so reading it never drags the whole TUI in.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

# the footer's names for the review grades (QUALITY_MEANINGS says them in full)
GRADE_LABELS = {5: "perfect", 4: "hesitated", 3: "hard", 2: "easy once shown", 1: "recognised", 0: "blackout"}


@dataclass(frozen=True, slots=True)
class Action:
    id: str  # what [keys] in config.toml rebinds
    keys: str  # the default key(s), comma-separated
    action: str  # the Textual action it runs
    description: str  # the footer's label
    group: str  # the class that binds it: keys bound together must differ
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.show, priority=self.priority, id=self.id)


def _group(group: str, *rows: tuple) -> tuple[Action, ...]:
    return tuple(Action(binding_id, keys, action, description, group, **(flags[0] if flags else {}))
                 for binding_id, keys, action, description, *flags in rows)


_HIDDEN = {"show": False}
# Before any focused widget. Only where no text is typed (a dialog, a list): a priority binding
# runs as the key arrives, ahead of the keys still queued for the focused editor, so the last
# characters typed before it would miss a lock, a check or a save. The editors' and answer
# boxes' ctrl keys are plain bindings: no TextArea or Input binds them, so they bubble up, in order.
_FIRST = {"priority": True}
_HIDDEN_FIRST = {"show": False, "priority": True}

ACTIONS: tuple[Action, ...] = (
    # Textual binds ctrl+c to a notice ("Press ctrl+q to quit"); in a terminal it means
    # leave. Every grade and drill edit is already saved (a drill screen saves on unmount).
    # Priority bindings, so that they also leave from a dialog; a selection is copied first.
    *_group("FlashdeckApp",
            ("app.quit", "ctrl+q", "quit", "Quit", _HIDDEN_FIRST),
            ("app.copy_or_quit", "ctrl+c", "copy_or_quit", "Quit", _HIDDEN_FIRST)),
    # short labels: the footer fits at 80 columns; the hint line says what each one does
    *_group("HomeScreen",
            ("home.review_deck", "r", "review_selected", "Review"),
            ("home.review_all", "a", "place('review')", "All decks"),
            ("home.drills", "d", "place('drills')", "Drills"),
            ("home.mock", "m", "place('mock')", "Mock"),
            ("home.export", "e", "export", "Export to Anki", _HIDDEN),
            ("home.cram", "c", "place('cram')", "Study topics", _HIDDEN),
            ("home.stats", "s", "place('stats')", "Stats"),
            ("home.browse", "b", "place('browse')", "Browse"),
            ("home.quit", "q", "app.quit", "Quit")),
    *_group("ReviewScreen",
            ("review.reveal", "space", "reveal", "Show answer"),
            ("review.reveal_enter", "enter", "reveal", "Show answer", _HIDDEN),
            ("review.type", "t", "type_answer", "Type"),
            *((f"review.grade_{q}", str(q), f"grade({q})", GRADE_LABELS[q], _HIDDEN) for q in range(6)),
            ("review.undo", "u", "undo", "Undo"),
            ("review.bury", "b", "bury", "Bury"),
            ("review.suspend", "s", "suspend", "Suspend"),
            ("review.leave", "q", "leave", "Leave"),
            ("review.leave_escape", "escape", "escape", "Leave", _HIDDEN)),
    *_group("CramSetupScreen",
            ("cram.start", "ctrl+s", "start", "Start", _FIRST),
            ("cram.start_s", "s", "start", "Start", _HIDDEN),
            ("cram.toggle", "c", "toggle_cram", "Cram on/off", _HIDDEN),
            ("cram.cancel", "escape", "cancel", "Cancel")),
    *_group("ConfirmScreen",
            ("confirm.yes", "y,enter", "answer(True)", "Yes"),
            ("confirm.no", "n,escape", "answer(False)", "No")),
    # the drill editor's, also under the mock's coding question (which binds two of its own)
    *_group("DrillEditorScreen",
            ("drill.check", "ctrl+r", "check", "Run checks"),
            ("drill.hint", "ctrl+t", "hint", "Hint"),
            ("drill.give_up", "ctrl+g", "give_up", "Give up"),
            ("drill.report", "ctrl+o", "report", "Report"),
            # not ctrl+y: the editor's redo. Not in the footer (80 columns are full): the report
            # area names both when there are earlier attempts or this one is finished
            ("drill.attempts", "ctrl+l", "attempts", "Attempts", _HIDDEN),
            ("drill.fresh", "ctrl+n", "start_fresh", "Start fresh", _HIDDEN),
            ("drill.hint_h", "h", "hint", "Hint", _HIDDEN),
            ("drill.give_up_g", "g", "give_up", "Give up", _HIDDEN),
            ("drill.edit", "e", "edit", "Edit", _HIDDEN),
            ("drill.attempts_a", "a", "attempts", "Attempts", _HIDDEN),
            ("drill.leave", "escape", "leave", "Leave"),
            ("drill.leave_q", "q", "leave", "Leave", _HIDDEN)),
    *_group("AttemptsScreen",
            ("attempts.close", "escape,q", "close", "Close")),
    *_group("DrillListScreen",
            ("drills.start", "enter", "start", "Start drill"),
            ("drills.leave", "q,escape", "leave", "Back")),
    *_group("ExportScreen",
            ("export.cancel", "escape", "cancel", "Cancel")),
    *_group("MockSetupScreen",
            ("mocksetup.cancel", "escape", "cancel", "Cancel")),
    *_group("ResumeScreen",
            ("mockresume.resume", "r", "choose('resume')", "Resume"),
            ("mockresume.score", "s", "choose('score')", "Score as it stands"),
            ("mockresume.new", "n", "choose('new')", "Discard, start new"),
            ("mockresume.back", "escape,q", "choose(None)", "Back")),
    *_group("MockScreen",
            ("mock.next", "ctrl+n", "next", "Lock answer, next question"),
            ("mock.pause", "ctrl+o", "pause", "Pause / resume"),
            ("mock.enter", "enter", "enter", "Start / open", _HIDDEN),
            ("mock.leave", "escape", "leave", "Leave")),
    *_group("MockDrillScreen",
            ("mockdrill.done", "ctrl+n", "done", "Done: lock and next"),
            ("mockdrill.pause", "ctrl+o", "pause", "Pause")),
    *_group("MockReviewScreen",
            *((f"mockreview.grade_{q}", str(q), f"grade({q})", str(q), _HIDDEN) for q in range(6)),
            # the hint line names the grade Enter accepts; a footer label cannot
            ("mockreview.accept", "enter", "accept", "Accept suggested grade", _HIDDEN),
            ("mockreview.previous", "left,p", "move(-1)", "Previous"),
            ("mockreview.next", "right,n", "move(1)", "Next"),
            ("mockreview.finish", "f", "finish", "Finish: the report"),
            ("mockreview.leave", "escape,q", "leave", "Leave (kept)")),
    *_group("MockReportScreen",
            ("mockreport.write", "w", "write", "Write Markdown"),
            ("mockreport.leave", "escape,q", "leave", "Leave")),
    *_group("BrowseScreen",
            ("browse.search", "slash", "focus_search", "Search"),
            ("browse.suspend", "s", "suspend", "Suspend"),
            ("browse.bury", "b", "bury", "Bury"),
            ("browse.edit", "e", "edit", "Edit"),
            ("browse.leeches", "l", "leeches", "Leeches"),
            ("browse.leave", "q", "leave", "Leave"),
            # from the search box: to the results first (a second Esc leaves)
            ("browse.back", "escape", "back", "Back", _HIDDEN)),
    *_group("StatsScreen",
            ("stats.leave", "q", "leave", "Back"),
            ("stats.leave_escape", "escape", "leave", "Back", _HIDDEN),
            ("stats.refresh", "r", "refresh", "Refresh")),
    *_group("SettingsScreen",
            ("settings.edit", "e", "edit", "Edit config.toml"),
            ("settings.close", "escape,q", "close", "Close")),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def bindings(group: str) -> list[Binding]:
    """A class's BINDINGS: its group's actions, in the table's order (the footer's)."""
    found = [a.binding() for a in ACTIONS if a.group == group]
    if not found:
        raise KeyError(f"no actions for {group!r} in flashdeck.tui.actions")
    return found


def groups() -> dict[str, dict[str, str]]:
    """group -> {binding id: its default key(s)}."""
    out: dict[str, dict[str, str]] = {}
    for a in ACTIONS:
        out.setdefault(a.group, {})[a.id] = a.keys
    return out


def defaults() -> dict[str, str]:
    """Every binding id -> its default key(s)."""
    return {a.id: a.keys for a in ACTIONS}


def default_key(binding_id: str) -> str:
    """The first default key of an action (what a hint line shows unless rebound)."""
    return BY_ID[binding_id].keys.split(",")[0]
