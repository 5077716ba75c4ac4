"""Text from learner code made safe to show: control characters are written out, not sent.

A learner's print can hold terminal control sequences (a window title, an OSC 52 clipboard
write, a cursor move that hides a line). Whatever prints it — the CLI, the JSON, the TUI —
shows `\\x1b]0;...` instead of letting the terminal act on it. Standard library only.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\r":
        return "\\r"
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: str) -> str:
    """`text` with every control character escaped (tab and newline kept)."""
    return _UNSAFE.sub(_escape, text)
