"""The drill catalogue: folders under coding_drills/, each described by its meta.yaml.

Light on purpose (PyYAML only): the TUI lists and shows drills through this module without
pulling in NumPy or torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flashdeck.domain.suggest import unknown_id
from flashdeck.paths import bundled_drills_dir

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
TOPIC_RE = re.compile(r"^[a-z]+(\.[a-z_]+)?$")
DIFFICULTIES = ("easy", "medium", "hard")
REQUIRED_FILES = (
    "meta.yaml",
    "prompt.md",
    "starter.py",
    "reference.py",
    "cases.py",
    "hints.md",
    "solution.py",
)
_REQUIRED_KEYS = {"id", "title", "function", "signature", "topics", "difficulty"}
_OPTIONAL_KEYS = {"outputs", "order"}


class DrillNotFound(KeyError):
    """No drill folder with this id."""

    def __str__(self) -> str:  # KeyError quotes its argument; a message reads better
        return str(self.args[0]) if self.args else "unknown drill"


class DrillError(ValueError):
    """A drill folder that cannot be loaded (missing file, bad meta.yaml)."""


@dataclass(frozen=True)
class Drill:
    id: str
    title: str
    function: str
    signature: str
    topics: tuple[str, ...]
    difficulty: str
    folder: Path
    outputs: tuple[str, ...] = ("out",)
    order: int = 1000

    # -- files ---------------------------------------------------------------------------
    @property
    def prompt_path(self) -> Path:
        return self.folder / "prompt.md"

    @property
    def starter_path(self) -> Path:
        return self.folder / "starter.py"

    @property
    def solution_path(self) -> Path:
        return self.folder / "solution.py"

    @property
    def reference_path(self) -> Path:
        return self.folder / "reference.py"

    @property
    def cases_path(self) -> Path:
        return self.folder / "cases.py"

    def wrong_paths(self) -> list[Path]:
        return sorted((self.folder / "wrong").glob("*.py"))

    def prompt(self) -> str:
        return self.prompt_path.read_text(encoding="utf-8")

    def starter(self) -> str:
        return self.starter_path.read_text(encoding="utf-8")

    def hints(self) -> list[str]:
        """Progressive hints, first (gentlest) to last."""
        text = (self.folder / "hints.md").read_text(encoding="utf-8")
        parts = re.split(r"(?m)^---[ \t]*$", text)
        return [p.strip() for p in parts if p.strip()]

    @property
    def n_outputs(self) -> int:
        return len(self.outputs)

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names without the '*' that marks a list output."""
        return tuple(o.lstrip("*") for o in self.outputs)

    @property
    def list_outputs(self) -> tuple[bool, ...]:
        """Per output: True if it is a list of arrays (meta.yaml writes it as '*name')."""
        return tuple(o.startswith("*") for o in self.outputs)


def drills_root(root: Path | None = None) -> Path:
    if root is not None:
        return Path(root)
    return bundled_drills_dir()


def load_drill(folder: Path) -> Drill:
    """Read one drill folder; raise DrillError naming the file and the problem."""
    import yaml  # lazy: PyYAML only when a meta.yaml is read; `flashdeck --help` imports this module

    meta_path = folder / "meta.yaml"
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DrillError(f"{meta_path}: cannot read: {e.strerror}") from e
    except yaml.YAMLError as e:
        raise DrillError(f"{meta_path}: invalid YAML: {e}") from e
    problems = _meta_problems(meta, folder.name)
    if problems:
        raise DrillError("; ".join(f"{meta_path}: {p}" for p in problems))
    return Drill(
        id=meta["id"],
        title=meta["title"],
        function=meta["function"],
        signature=meta["signature"],
        topics=tuple(meta["topics"]),
        difficulty=meta["difficulty"],
        folder=folder,
        outputs=tuple(meta.get("outputs") or ("out",)),
        order=int(meta.get("order", 1000)),
    )


def _meta_problems(meta: object, folder_name: str) -> list[str]:
    if not isinstance(meta, dict):
        return ["meta.yaml must be a mapping"]
    problems = []
    for key in sorted(_REQUIRED_KEYS - meta.keys()):
        problems.append(f"missing required key '{key}'")
    for key in sorted(meta.keys() - _REQUIRED_KEYS - _OPTIONAL_KEYS):
        problems.append(f"unknown key '{key}'")
    if problems:
        return problems
    if meta["id"] != folder_name:
        problems.append(f"id '{meta['id']}' differs from the folder name '{folder_name}'")
    if not isinstance(meta["id"], str) or not ID_RE.match(meta["id"]):
        problems.append(f"id '{meta['id']}' must match {ID_RE.pattern}")
    for key in ("title", "function", "signature"):
        if not isinstance(meta[key], str) or not meta[key].strip():
            problems.append(f"'{key}' must be a non-empty string")
    if isinstance(meta["function"], str) and not meta["function"].isidentifier():
        problems.append(f"function '{meta['function']}' is not a Python identifier")
    if isinstance(meta["signature"], str) and isinstance(meta["function"], str):
        if not meta["signature"].startswith(meta["function"] + "("):
            problems.append("signature must start with the function name and '('")
    topics = meta["topics"]
    if not isinstance(topics, list) or not topics:
        problems.append("topics must be a non-empty list")
    else:
        for t in topics:
            if not isinstance(t, str) or not TOPIC_RE.match(t):
                problems.append(f"topic {t!r} is not a topic id like 'transformer.attention'")
    if meta["difficulty"] not in DIFFICULTIES:
        problems.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    outputs = meta.get("outputs")
    if outputs is not None and (
        not isinstance(outputs, list)
        or not outputs
        or not all(isinstance(o, str) and o.removeprefix("*").isidentifier() for o in outputs)
    ):
        problems.append("outputs must be a non-empty list of names ('*name' for a list)")
    if "order" in meta and not isinstance(meta["order"], int):
        problems.append("order must be an integer")
    return problems


def folder_problems(folder: Path) -> list[str]:
    """Everything wrong with one drill folder (empty list: complete). For tests and validation."""
    problems = [f"{folder / f}: missing" for f in REQUIRED_FILES if not (folder / f).is_file()]
    if not (folder / "meta.yaml").is_file():
        return problems
    try:
        drill = load_drill(folder)
    except DrillError as e:
        return problems + [str(e)]
    if not drill.wrong_paths():
        problems.append(f"{folder / 'wrong'}: no known-wrong solutions")
    for path in drill.wrong_paths():
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
        if not first or not first[0].startswith("#"):
            problems.append(f"{path}: must open with a comment naming the mistake")
    if (folder / "hints.md").is_file() and not drill.hints():
        problems.append(f"{folder / 'hints.md'}: no hints")
    for name in ("starter.py", "solution.py"):
        path = folder / name
        if path.is_file() and f"def {drill.function}(" not in path.read_text(encoding="utf-8"):
            problems.append(f"{path}: does not define {drill.function}()")
    return problems


def list_drills(root: Path | None = None) -> list[Drill]:
    """Every drill under root (default: the bundled coding_drills/), in learning order.

    A folder without meta.yaml is skipped; a broken meta.yaml raises DrillError.
    """
    base = drills_root(root)
    if not base.is_dir():
        return []
    drills = [load_drill(p) for p in sorted(base.iterdir()) if (p / "meta.yaml").is_file()]
    return sorted(drills, key=lambda d: (d.order, d.id))


def get_drill(drill_id: str, root: Path | None = None) -> Drill:
    base = drills_root(root)
    if not ID_RE.match(drill_id or "") or not (base / drill_id / "meta.yaml").is_file():
        raise DrillNotFound(unknown_id("drill", drill_id, [d.id for d in list_drills(root)]))
    return load_drill(base / drill_id)
