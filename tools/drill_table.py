"""The README's table of coding drills, generated from coding_drills/*/meta.yaml.

    python tools/drill_table.py           # print the table (Markdown)
    python tools/drill_table.py --write   # put it, and the drill count, into README.md
    python tools/drill_table.py --check   # exit 1 if README.md is out of date

The table sits in README.md between the two marker comments below; the count is the number
that opens the Coding drills section ("56 drills (`coding_drills/`, ...): ..."). The drills are
listed in the app's order (meta.yaml `order`, then id), read with flashdeck's own catalogue
(PyYAML only: no NumPy, no torch). tests/test_readme_drill_table.py keeps README.md in step.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from flashdeck.drills.catalog import Drill, list_drills  # noqa: E402

README = REPO / "README.md"
DRILLS = REPO / "coding_drills"
START = "<!-- drill-table:start (python tools/drill_table.py --write) -->"
END = "<!-- drill-table:end -->"
COUNT_RE = re.compile(r"^(\d+) drills \(`coding_drills/`", re.MULTILINE)


def drills(root: Path = DRILLS) -> list[Drill]:
    return list_drills(root)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(root: Path = DRILLS) -> str:
    """The Markdown table: one row per drill folder."""
    lines = [
        "| # | drill | what you implement | difficulty | topics |",
        "|---:|---|---|---|---|",
    ]
    for n, d in enumerate(drills(root), 1):
        topics = ", ".join(f"`{t}`" for t in d.topics)
        lines.append(f"| {n} | `{d.id}` | {_cell(d.title)} | {d.difficulty} | {topics} |")
    return "\n".join(lines) + "\n"


def readme_table(text: str) -> str | None:
    """The table in README.md's text, between the markers (None without them)."""
    try:
        start = text.index(START) + len(START)
        end = text.index(END, start)
    except ValueError:
        return None
    return text[start:end].strip("\n") + "\n"


def readme_count(text: str) -> int | None:
    m = COUNT_RE.search(text)
    return int(m.group(1)) if m else None


def updated(text: str, root: Path = DRILLS) -> str:
    """README.md's text with the generated table and the current count in place."""
    if readme_table(text) is None:
        raise SystemExit(f"README.md has no {START!r} ... {END!r} markers")
    if readme_count(text) is None:
        raise SystemExit("README.md has no '<N> drills (`coding_drills/`' sentence")
    start = text.index(START) + len(START)
    end = text.index(END, start)
    text = text[:start] + "\n" + table(root) + text[end:]
    return COUNT_RE.sub(f"{len(drills(root))} drills (`coding_drills/`", text, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="update README.md in place")
    mode.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        sys.stdout.write(table())
        return 0
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print("README.md's drill table or count is stale: python tools/drill_table.py --write",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"README.md: {len(drills())} drills")
    return 0


if __name__ == "__main__":
    sys.exit(main())
