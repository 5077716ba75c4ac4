"""Handing the terminal to the learner's editor and taking it back."""

from __future__ import annotations

import subprocess

from textual.app import SuspendNotSupported


def run_editor(app, command: list[str]) -> subprocess.CompletedProcess | OSError:
    """Run `command` with the app suspended; an editor that cannot start is returned as the
    OSError (raised inside app.suspend(), it would skip resuming the app and leave it dead)."""
    def run(**kwargs):
        try:
            return subprocess.run(command, **kwargs)
        except OSError as exc:
            return exc

    try:
        with app.suspend():
            return run()
    except SuspendNotSupported:
        # no terminal to hand over (headless tests, Textual web): run it without one
        return run(stdin=subprocess.DEVNULL, capture_output=True)
