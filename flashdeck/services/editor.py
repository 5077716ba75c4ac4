"""The learner's own editor: which program ($VISUAL, then $EDITOR, else vi) and how to tell it
the line to open at. Used by the card browser, the settings screen and `drill start --editor`."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# tried in turn when neither $VISUAL nor $EDITOR is set (vi, as git and crontab do)
FALLBACKS = ("vi", "nano")
# how to leave the fallbacks, for a learner who never chose them
_HOW_TO_QUIT = {"vi": "in vi: i to type, then Esc and :wq to save and quit, :q! to quit without saving",
                "nano": "in nano: Ctrl+O saves, Ctrl+X quits"}


@dataclass(frozen=True, slots=True)
class EditorChoice:
    command: list[str] | None  # None: no editor could be found
    name: str  # the program, as the learner would call it ("vi", "code")
    chosen: bool  # named by $VISUAL or $EDITOR (else a fallback, or nothing)
    notice: str  # one line for the learner: the editor used and how to choose another, or what to do

    @property
    def how_to_quit(self) -> str:
        return "" if self.chosen else _HOW_TO_QUIT.get(self.name, "")


def choose_editor(path: Path | str, line: int | None = None, environ: Mapping[str, str] = os.environ,
                  which: Callable[..., str | None] = shutil.which) -> EditorChoice:
    """The editor to open `path` with, and what to say about it: the learner's ($VISUAL, then
    $EDITOR), else the first of FALLBACKS on the PATH, else none (and the line says to set $EDITOR)."""
    for variable in ("VISUAL", "EDITOR"):
        if (environ.get(variable) or "").strip():
            command = editor_command(path, line, environ)
            name = Path(command[0]).name
            return EditorChoice(command, name, True, f"Opening {name} (from ${variable}).")
    for fallback in FALLBACKS:
        if which(fallback, path=environ.get("PATH")):
            return EditorChoice(editor_command(path, line, {"EDITOR": fallback}), fallback, False,
                                f"Opening {fallback} (set $EDITOR to choose another).")
    return EditorChoice(None, "", False,
                        "No editor found: set $EDITOR to the one you use (export EDITOR=nano, say) and try again.")

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
