"""Anki note types flashdeck writes: their fields, card templates and CSS.

Anki's importer matches note types by id, and their field and template names must never
change: a note type whose names differ is added as a copy, and then the importer refuses to
update the notes. `MODELS_MTIME` is bumped when templates or CSS change, so the new look
replaces the old.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONCEPT", "DRILL", "MATH", "MODELS", "MODELS_MTIME", "NoteType"]

MODELS_MTIME = 1_763_900_000  # bump when a template or the CSS changes (never rename fields)

# the look of every note type; Anki keeps it per note type, so each carries a copy
_CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 19px; line-height: 1.5; text-align: left;
  color: #1f2328; background-color: #ffffff;
}
.fd { max-width: 44em; margin: 0 auto; padding: 0.4em 0.8em 1.2em; }
.fd p { margin: 0.45em 0; }
.fd ul, .fd ol { margin: 0.4em 0; padding-left: 1.4em; }
.fd-question { font-size: 1.08em; }
.fd-label { font-size: 0.72em; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
  color: #656d76; margin: 1.1em 0 0.2em; }
.fd-section { border-top: 1px solid #d0d7de; margin-top: 0.9em; }
.fd-source, .fd-key { font-size: 0.78em; color: #656d76; margin-top: 1em; }
.fd-key { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.fd-alt { color: #656d76; font-size: 0.9em; }
.fd-math { overflow-x: auto; margin: 0.5em 0; }
hr#answer { border: none; border-top: 2px solid #d0d7de; margin: 1em 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.86em; background: #f3f4f6; border-radius: 4px; padding: 0.08em 0.3em; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.7em 0.9em;
  overflow-x: auto; line-height: 1.4; }
pre code { background: none; padding: 0; font-size: 0.8em; white-space: pre; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; }
.nightMode .card, .night_mode .card, .card.nightMode, .card.night_mode {
  color: #e6edf3; background-color: #0d1117;
}
.nightMode .fd-label, .night_mode .fd-label, .nightMode .fd-source, .night_mode .fd-source,
.nightMode .fd-key, .night_mode .fd-key, .nightMode .fd-alt, .night_mode .fd-alt { color: #9198a1; }
.nightMode .fd-section, .night_mode .fd-section, .nightMode hr#answer, .night_mode hr#answer,
.nightMode th, .night_mode th, .nightMode td, .night_mode td { border-color: #30363d; }
.nightMode code, .night_mode code { background: #262c36; }
.nightMode pre, .night_mode pre { background: #161b22; border-color: #30363d; }
.nightMode pre code, .night_mode pre code { background: none; }
@media (max-width: 600px) {
  .card { font-size: 17px; }
  .fd { padding: 0.2em 0.3em 1em; }
  pre { padding: 0.5em 0.6em; }
}
"""


def _section(field_name: str, label: str) -> str:
    return (f'{{{{#{field_name}}}}}<div class="fd-section"><div class="fd-label">{label}</div>'
            f"{{{{{field_name}}}}}</div>{{{{/{field_name}}}}}")


def _back(kind_class: str, *sections: str) -> str:
    return ("{{FrontSide}}\n<hr id=answer>\n"
            f'<div class="fd {kind_class}">\n' + "\n".join(sections) + "\n"
            '{{#Source}}<div class="fd-source">Source: {{Source}}</div>{{/Source}}\n'
            '<div class="fd-key">flashdeck {{Key}}</div>\n</div>')


def _front(kind_class: str, body: str) -> str:
    return f'<div class="fd {kind_class}">\n{body}\n</div>'


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    fields: tuple[str, ...]
    qfmt: str
    afmt: str

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "type": 0, "mod": MODELS_MTIME, "usn": -1,
            "sortf": 0, "did": None, "tags": [], "vers": [],
            "flds": [{"name": name, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20,
                      "media": []} for i, name in enumerate(self.fields)],
            "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": self.qfmt, "afmt": self.afmt, "bqfmt": "", "bafmt": "",
                       "did": None, "bfont": "", "bsize": 0}],
            "css": _CSS,
            "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n"
                        "\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}", "latexsvg": False,
            "req": [[0, "any", [0]]],
        }


# Fixed ids: never change them, nor the field or template names (see the module docstring).
CONCEPT = NoteType(
    id=1763900000101, name="flashdeck concept",
    fields=("Front", "Back", "Explanation", "Key points", "Source", "Key"),
    qfmt=_front("fd-concept", '<div class="fd-question">{{Front}}</div>'),
    afmt=_back("fd-concept", '<div class="fd-answer">{{Back}}</div>',
               _section("Key points", "Key points"), _section("Explanation", "Why")),
)
MATH = NoteType(
    id=1763900000102, name="flashdeck math",
    fields=("Front", "Back", "Formula", "Variables", "Explanation", "Source", "Key"),
    qfmt=_front("fd-math-card", '<div class="fd-question">{{Front}}</div>'),
    afmt=_back("fd-math-card", '<div class="fd-answer">{{Back}}</div>',
               _section("Formula", "Answer as typed in flashdeck"), _section("Variables", "Variables"),
               _section("Explanation", "Why")),
)
DRILL = NoteType(
    id=1763900000103, name="flashdeck drill",
    fields=("Front", "Prompt", "Signature", "Back", "Solution", "Hints", "Source", "Key"),
    qfmt=_front("fd-drill", '<div class="fd-question">{{Front}}</div>\n'
                '{{#Signature}}<div class="fd-label">Implement</div>{{Signature}}{{/Signature}}\n'
                + _section("Prompt", "Task")),
    # the drill card's own back already quotes the solution: shown only when the folder is gone
    afmt=_back("fd-drill", '{{^Solution}}<div class="fd-answer">{{Back}}</div>{{/Solution}}',
               _section("Solution", "Reference solution"), _section("Hints", "Hints")),
)
MODELS: dict[str, NoteType] = {"concept": CONCEPT, "scenario": CONCEPT, "math": MATH, "drill": DRILL}
