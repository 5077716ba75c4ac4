"""Export to Anki: choose the cards, turn them into notes, write the package.

What the UI and CLI call is `export_anki`. The package format (and why it is written the way
it is) lives in flashdeck.export.anki; the Markdown/LaTeX -> HTML conversion in
flashdeck.export.html.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from flashdeck.domain.cards import Card
from flashdeck.domain.suggest import did_you_mean, unknown_ids
from flashdeck.domain.topics import TOPICS
from flashdeck.drills.catalog import DrillError, DrillNotFound, get_drill
from flashdeck.export import anki
from flashdeck.export.html import code_block, escape, markdown_to_html
from flashdeck.services.context import Context
from flashdeck.store import export as store

__all__ = ["ExportReport", "SelectionError", "NothingToExport", "Stopped", "export_anki", "parse_topics"]

PackageError = anki.PackageError
Stopped = anki.Stopped


class SelectionError(ValueError):
    """An unknown deck or topic; str() is one line naming it and what is known."""

    def __init__(self, message: str, option: str):
        super().__init__(message)
        self.option = option


class NothingToExport(ValueError):
    """The selection is valid but holds no card."""


@dataclass
class ExportReport:
    path: Path
    decks: list[tuple[str, int]] = field(default_factory=list)  # (Anki deck name, notes)
    notes: int = 0
    reviewed: int = 0  # cards carrying review state (--include-progress)
    revlog: int = 0


def parse_topics(values: Sequence[str]) -> list[str]:
    """`--topics a,b --topics c` -> ['a', 'b', 'c']."""
    return [t.strip() for value in values for t in value.split(",") if t.strip()]


def _check_topics(topics: Sequence[str]) -> None:
    tracks = sorted({t.split(".")[0] for t in TOPICS})
    unknown = [t for t in dict.fromkeys(topics) if t not in TOPICS and t not in tracks]
    if unknown:
        parts = []
        for topic in unknown:
            hint = did_you_mean(topic, [*tracks, *TOPICS])
            parts.append(f"unknown topic '{topic}' — {hint}" if hint else f"unknown topic '{topic}' (a syllabus topic "
                         f"id like 'transformer.attention', or a track: {', '.join(tracks)})")
        raise SelectionError("; ".join(parts), "--topics")


def _matches(card: Card, topics: Sequence[str]) -> bool:
    return any(ct == t or ct.startswith(t + ".") for ct in card.topics for t in topics)


def export_anki(
    ctx: Context,
    out: Path,
    deck_ids: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    include_progress: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    """Write the selected cards to `out` as an Anki package.

    `deck_ids`: these decks only (default: every deck). `topics`: only cards tagged with one
    of these topic ids or tracks (`transformer` covers `transformer.*`). `progress(done,
    total)` is called as notes are written. Raises SelectionError (unknown deck or topic),
    NothingToExport, or anki.PackageError (the file cannot be written); nothing is written
    then. In the main thread, a stop signal while the package is written raises Stopped (no
    temporary file stays, `out` is as it was); see anki.stop_signals for the whole call."""
    topics = list(topics or ())
    _check_topics(topics)
    with ctx.db.read() as session:
        decks = {d.id: d for d in store.live_decks(session)}
    unknown = [d for d in deck_ids or () if d not in decks]
    if unknown:
        raise SelectionError(unknown_ids("deck", unknown, decks), "--deck")
    chosen = list(dict.fromkeys(deck_ids)) if deck_ids else list(decks)
    anki.check_writable(Path(out))  # before the work, not after it

    # a SQLite file's review log is read by the package's own SQLite; any other database's
    # through Python (the same rows: tests compare the two ways)
    log_file = _sqlite_file(ctx) if include_progress else None
    with ctx.db.read() as session:
        cards = store.cards_for_export(session, chosen)
        reviews = store.reviews_by_card(session) if include_progress and log_file is None else {}
        logged = store.review_counts(session) if log_file is not None else {}
    if topics:
        cards = [c for c in cards if _matches(c.card, topics)]
    if not cards:
        what = f" with topics {', '.join(topics)}" if topics else ""
        raise NothingToExport(f"no cards to export{what} in {', '.join(chosen) or 'any deck'}")

    anki_decks: list[anki.AnkiDeck] = []
    deck_index: dict[str, int] = {}
    counts: dict[str, int] = {}
    for c in cards:
        if c.card.deck_id not in deck_index:
            info = decks[c.card.deck_id]
            deck_index[info.id] = len(anki_decks)
            anki_decks.append(anki.AnkiDeck(anki.deck_name(info.title), markdown_to_html(info.description)))
        name = anki_decks[deck_index[c.card.deck_id]].name
        counts[name] = counts.get(name, 0) + 1

    # progress: rendering the notes is the first half of the work, writing them the second
    total = 2 * len(cards)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done // 2 if done < total else len(cards), len(cards))

    builder = _NoteBuilder(getattr(ctx, "bundled_drills", None))
    notes = []
    for c in cards:
        notes.append(builder.note(c, deck_index[c.card.deck_id]))
        if len(notes) % 250 == 0:
            advance(250)
    advance(len(notes) % 250)
    report = ExportReport(path=Path(out), decks=list(counts.items()))
    if include_progress:
        for note, c in zip(notes, cards):
            if log_file is None:
                _attach_progress(note, c, reviews.get(c.id, ()))
            else:
                _attach_state(note, c, logged.get(c.id, 0))
                note.log_id = c.id
            report.reviewed += note.card is not None

    report.notes, report.revlog = anki.write_package(
        Path(out), anki_decks, notes, day_starts_at=ctx.settings.day_starts_at, now=ctx.now(), progress=advance,
        revlog_source=store.sqlite_revlog(log_file) if log_file is not None else None)
    return report


def _sqlite_file(ctx: Context) -> Path | None:
    """The database's file when it is a SQLite file (its review log can then be attached)."""
    url = ctx.db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or url.query:
        return None
    return Path(url.database)


def _attach_state(note: anki.AnkiNote, c: store.ExportCard, reviews: int) -> None:
    """The card's scheduling (`reviews`: how many its log holds), for a card that has some."""
    p = c.progress
    if p.due is None:
        note.suspended = p.suspended
        return
    note.card = anki.AnkiCard(due=p.due, interval=p.interval, ease_pct=p.easiness_pct,
                              reviews=max(reviews, p.repetitions), lapses=p.lapses, suspended=p.suspended)


def _attach_progress(note: anki.AnkiNote, c: store.ExportCard, reviews: Sequence[store.ReviewEntry]) -> None:
    _attach_state(note, c, len(reviews))
    if note.card is None:
        return
    # anki.AnkiReview's fields, as plain tuples. Anki's revlog type: the first answer of a new
    # card = learn (0), a same-day repeat SM-2 asks for = relearn (2), cram = filtered (3),
    # anything else = review (1)
    note.reviews = [
        (r.reviewed_at, r.quality, r.duration_ms, r.interval_before, r.interval_after, r.ease_after,
         0 if r.was_new else 3 if r.mode == "cram" else 2 if r.extra_before else 1)
        for r in reviews
    ]


class _NoteBuilder:
    """Card -> note fields (HTML). Drill folders are read once each."""

    def __init__(self, drills_root: Path | None) -> None:
        self._root = drills_root
        self._drills: dict[str, tuple[str, str, str, str] | None] = {}

    def note(self, c: store.ExportCard, deck: int) -> anki.AnkiNote:
        card = c.card
        model = anki.MODELS.get(card.kind, anki.CONCEPT)
        md = markdown_to_html
        key = escape(card.key)
        if model is anki.MATH:
            variables = "".join(f"<li><code>{escape(name)}</code>: {escape(meaning)}</li>"
                                for name, meaning in card.variables)
            fields = [md(card.front), md(card.back), f"<code>{escape(card.answer)}</code>" if card.answer else "",
                      f"<ul>{variables}</ul>" if variables else "", md(card.explanation), md(card.source), key]
        elif model is anki.DRILL:
            prompt, signature, solution, hints = self._drill(card.drill)
            fields = [md(card.front), prompt, signature, md(card.back), solution, hints, md(card.source), key]
        else:
            points = "".join(_key_point(p) for p in card.key_points)
            fields = [md(card.front), md(card.back), md(card.explanation), f"<ul>{points}</ul>" if points else "",
                      md(card.source), key]
        tags = [anki.tag_for(t) for t in card.topics] + [card.kind]
        return anki.AnkiNote(key=card.key, note_type=model, fields=fields, tags=tags, deck=deck,
                             modified=c.changed_at or datetime(2000, 1, 1))

    def _drill(self, drill_id: str) -> tuple[str, str, str, str]:
        if drill_id not in self._drills:
            self._drills[drill_id] = _drill_fields(drill_id, self._root)
        return self._drills[drill_id] or ("", "", "", "")


def _key_point(phrasings: Sequence[str]) -> str:
    first, *others = phrasings
    also = f' <span class="fd-alt">(also: {escape(", ".join(others))})</span>' if others else ""
    return f"<li>{escape(first)}{also}</li>"


def _drill_fields(drill_id: str, root: Path | None) -> tuple[str, str, str, str] | None:
    """(prompt, signature, reference solution, hints) as HTML, or None if the drill is gone."""
    try:
        drill = get_drill(drill_id, root)
        prompt = drill.prompt()
        solution = drill.solution_path.read_text(encoding="utf-8")
        hints = drill.hints()
    except (DrillNotFound, DrillError, OSError, UnicodeDecodeError):
        return None
    hint_items = "".join(f"<li>{markdown_to_html(h)}</li>" for h in hints)
    return (markdown_to_html(prompt), code_block(drill.signature), code_block(solution),
            f"<ol>{hint_items}</ol>" if hint_items else "")
