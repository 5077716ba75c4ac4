"""The learner's own editor: which program ($VISUAL, then $EDITOR, else vi) and how to tell it
the line to open at. Used by the card browser, the settings screen and `drill start --editor`."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

# How editors are told the line to open at, by program name.
_PLUS_LINE = {"vi", "vim", "nvim", "gvim", "mvim", "view", "nvi", "elvis", "ex", "vis", "nano", "rnano", "pico",
              "emacs", "emacsclient", "micro", "kak", "hx", "helix", "joe", "jed", "ne", "mg", "jove", "mcedit",
              "gedit"}
_GOTO_FLAG = {"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"}  # --goto path:line
_COLON_SUFFIX = {"subl", "sublime_text", "zed", "atom"}  # path:line
# GUI editors return at once unless told to wait: the file would be read before it is saved
_WAIT_FLAG = _GOTO_FLAG | _COLON_SUFFIX


def editor_command(path: Path | str, line: int | None = None,
                   environ: Mapping[str, str] = os.environ) -> list[str]:
    """The command that opens `path` (at `line`, if given) in the learner's editor."""
    configured = (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip() or "vi"
    try:
        command = shlex.split(configured)
    except ValueError:  # an unbalanced quote: take it as one program path
        command = [configured]
    if not command:
        command = ["vi"]
    name = Path(command[0]).name.lower().removesuffix(".exe")
    path = str(path)
    if name in _WAIT_FLAG and not {"--wait", "-w"} & set(command[1:]):
        command.append("--wait")
    if line is None:
        return [*command, path]
    if name in _PLUS_LINE:
        return [*command, f"+{line}", path]
    if name in _GOTO_FLAG:
        return [*command, "--goto", f"{path}:{line}"]
    if name in _COLON_SUFFIX:
        return [*command, f"{path}:{line}"]
    return [*command, path]
