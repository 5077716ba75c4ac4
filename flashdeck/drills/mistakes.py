"""A drill's known mistakes: its `wrong/*.py` files, each a classic wrong answer with a header
that names it and says why it is wrong, in words that teach (issue 20):

    # Mistake: scaled by sqrt(d_model), not sqrt(d_k)
    # Each head's dot products have variance d_k, not d_model = heads * d_k: dividing by
    # sqrt(d_model) makes the scores, and so the softmax, too flat.
    # Hint: 3

The first line is the name (at most NAME_MAX characters), the next one or two the explanation
(never the solution's code), an optional `Hint: N` the 1-based hint of hints.md about this
mistake, which the hint ladder offers next once the judge recognises it, and an optional
`Arbitrary on: case, case`: the cases on which this wrong answer's result is not defined (PCA
directions taken from a null space, which rounding picks), so a learner making the same mistake
may well get other numbers there; the judge lets those cases neither confirm nor refute it.
Standard library only: the TUI reads these without NumPy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

NAME_MAX = 70
EXPLANATION_LINES = 2
LINE_MAX = 100
_HINT = re.compile(r"^Hint:\s*(\d+)\s*$")
_ARBITRARY = re.compile(r"^Arbitrary on:\s*(\w+(?:\s*,\s*\w+)*)\s*$")


class MistakeHeaderError(ValueError):
    """A wrong/*.py file whose header does not follow the format; str(): path:line: problem."""


@dataclass(frozen=True)
class Mistake:
    variant: str  # the file's stem, e.g. "scaled_by_sqrt_d_model"
    name: str
    explanation: str  # one or two lines joined by a space
    hint: int | None  # 1-based, in hints.md
    path: Path
    arbitrary: tuple[str, ...] = ()  # case names on which this wrong answer's result is undefined

    def as_json(self) -> dict:
        return {"variant": self.variant, "name": self.name, "explanation": self.explanation, "hint": self.hint}


def read_mistake(path: Path, hints: int | None = None) -> Mistake:
    """The header of one wrong/*.py file. `hints`: how many hints the drill has (a `Hint: N`
    beyond them is an error). Raises MistakeHeaderError."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments: list[str] = []
    for line in lines:
        if not line.startswith("#"):
            break
        comments.append(line[1:].strip())
    if not comments or not comments[0].startswith("Mistake:"):
        raise MistakeHeaderError(f"{path}:1: the file must start with '# Mistake: <its name>'")
    name = comments[0][len("Mistake:"):].strip()
    if not name or len(name) > NAME_MAX:
        raise MistakeHeaderError(f"{path}:1: the name must be 1 to {NAME_MAX} characters (it is {len(name)})")
    rest, hint, arbitrary = comments[1:], None, ()
    if rest and _ARBITRARY.match(rest[-1]):
        arbitrary = tuple(name.strip() for name in _ARBITRARY.match(rest[-1]).group(1).split(","))
        rest = rest[:-1]
    if rest and _HINT.match(rest[-1]):
        hint = int(_HINT.match(rest[-1]).group(1))
        rest = rest[:-1]
        if hint < 1 or (hints is not None and hint > hints):
            raise MistakeHeaderError(f"{path}:{len(rest) + 2}: Hint: {hint}, but hints.md has {hints} hints")
    if not 1 <= len(rest) <= EXPLANATION_LINES or not all(rest):
        raise MistakeHeaderError(f"{path}:2: after the name, {EXPLANATION_LINES} comment lines at most explain "
                                 f"the mistake (found {len(rest)})")
    for n, line in enumerate(lines[: len(comments)], start=1):
        if len(line) > LINE_MAX:
            raise MistakeHeaderError(f"{path}:{n}: the header's lines are at most {LINE_MAX} characters")
    return Mistake(path.stem, name, " ".join(rest), hint, path, arbitrary)


def known_mistakes(folder: Path, hints: int | None = None) -> list[Mistake]:
    """Every wrong/*.py of a drill folder, in file-name order."""
    return [read_mistake(path, hints) for path in sorted((folder / "wrong").glob("*.py"))]
