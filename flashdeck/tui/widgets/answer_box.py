"""The review's answer boxes: a formula line (math cards) and a free-text box (scenarios).

Both only draw and report; the review screen decides what a submitted answer means. Two
things differ from Textual's Input and TextArea:

- Space in an empty box is not typed (no answer starts with a space): it goes on to the
  screen, where it shows the answer. Every other character is typed, because answers start
  with anything: `2*d`, `sqrt(d)`, `b*s*d` (so `0-5`, `u`, `b`, `s`, `q` stay in the box,
  and Textual leaves their bindings out of the footer meanwhile; Esc leaves the box and they
  act again). Keys that type nothing (Esc, ctrl+...) act as ever.
- Enter in the free-text box submits it (Submitted), as Enter in the formula line checks it:
  the key points are matched on phrases, so a line break adds nothing to an answer.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea


def _leave_to_screen(key: str, empty: bool) -> bool:
    """Space on an empty box belongs to the screen (its binding shows the answer)."""
    return empty and key == "space"


class FormulaBox(Input):
    """One line for a formula; Enter sends Input.Submitted."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Textual drops the screen's bindings for every key a focused Input may type
        return False if _leave_to_screen(key, not self.value) else super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if _leave_to_screen(event.key, not self.value):
            event.prevent_default()  # not typed (Input's own handler is skipped), and not stopped:
            return  # the key bubbles up to the app, which runs the screen's binding for it
        # anything else: Input's own _on_key runs next (Textual calls each class's handler)


class ScenarioBox(TextArea):
    """Free text for a scenario answer; Enter sends ScenarioBox.Submitted."""

    class Submitted(Message):
        def __init__(self, box: ScenarioBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> ScenarioBox:
            return self.box

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return False if _leave_to_screen(key, not self.text.strip()) else super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if _leave_to_screen(event.key, not self.text.strip()):
            event.prevent_default()
            return
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
