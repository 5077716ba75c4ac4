"""The card browser: search, a card's history, suspend / bury, and editing a card's YAML in
the learner's editor (the edit is picked up by the ordinary deck sync).

A bundled card (a deck that comes with flashdeck) is never edited where it is, inside the
package or, in an editable install, the repository: its deck file is first copied to the
learner's decks (<home>/decks/), same deck id and card ids, and the copy is edited. The sync
lets that copy override the bundled deck, so the cards keep their history; later edits go to
the copy, and deleting it brings the bundled deck back."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from datetime import date, timezone
from functools import lru_cache
from pathlib import Path

from flashdeck.content import peek
from flashdeck.content.loader import deck_files
from flashdeck.domain.browse_query import BrowseFilter, QueryError, parse
from flashdeck.domain.cards import CardView
from flashdeck.render.markdown_math import render_markdown_math
from flashdeck.services.context import Context
from flashdeck.services.decks import SyncReport, sync
from flashdeck.services.editor import EditorChoice, choose_editor, editor_command
from flashdeck.store import browse as store
from flashdeck.store import study as study_store
from flashdeck.store.browse import CardListing, HistoryEntry

__all__ = ["SearchResult", "CardListing", "HistoryEntry", "search", "listing", "card", "history",
           "toggle_suspend", "toggle_bury", "source_location", "editor_command", "after_edit",
           "EditPlan", "CannotEdit", "plan_edit", "begin_edit", "cancel_edit", "EditorChoice", "choose_editor"]

SNIPPET_CHARS = 90

@dataclass(frozen=True, slots=True)
class SearchResult:
    rows: list[CardListing]
    total: int  # cards matching (rows holds the first of them)
    collection: int  # cards in the collection (retired ones aside)
    error: str | None = None  # the search could not be read; nothing was searched
    notes: tuple[str, ...] = ()  # said beside the count (e.g. leeches are turned off)


def search(ctx: Context, text: str, limit: int = 200) -> SearchResult:
    today = ctx.today()
    threshold = ctx.settings.leech_threshold
    with ctx.db.read() as session:
        collection = store.collection_size(session)
        try:
            query = parse(text)
            if query.decks:
                query = _resolve_decks(query, store.deck_ids(session))
        except QueryError as exc:
            return SearchResult([], 0, collection, error=str(exc))
        rows, total = store.search(session, query, today, threshold, limit)
    notes = ()
    if query.leech and threshold <= 0:
        notes = ("leeches are turned off (study.leech_threshold = 0 in config.toml)",)
    return SearchResult([_with_snippet(r) for r in rows], total, collection, notes=notes)


def _resolve_decks(query: BrowseFilter, decks: dict[str, str]) -> BrowseFilter:
    """deck: terms as the decks' real ids (any case); a deck that does not exist is an error
    rather than an empty result, which would look like a deck with no such cards."""
    by_lower = {deck_id.lower(): deck_id for deck_id in decks}
    found = []
    for wanted in query.decks:
        deck_id = wanted if wanted in decks else by_lower.get(wanted.lower())
        if deck_id is None:
            raise QueryError(f"no deck '{wanted}' — decks: {', '.join(decks) or 'none yet'}")
        found.append(deck_id)
    return replace(query, decks=tuple(found))


def _with_snippet(row: CardListing) -> CardListing:
    return replace(row, front=snippet(row.front))


@lru_cache(maxsize=4096)  # a search redraws the same fronts again and again as the learner types
def snippet(front: str, width: int = SNIPPET_CHARS) -> str:
    """A front on one line, its LaTeX made readable, cut to `width` characters."""
    line = " ".join(front.split())
    if "$" in line:
        line = " ".join(render_markdown_math(line).split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


def listing(ctx: Context, card_id: int) -> CardListing | None:
    with ctx.db.read() as session:
        row = store.listing(session, card_id, ctx.today(), ctx.settings.leech_threshold)
    return _with_snippet(row) if row is not None else None


def card(ctx: Context, card_id: int) -> CardView | None:
    with ctx.db.read() as session:
        return study_store.view(session, card_id)


def history(ctx: Context, card_id: int) -> list[HistoryEntry]:
    """Every grade of the card, newest first, `reviewed_at` in local time."""
    local = ctx.now().tzinfo
    with ctx.db.read() as session:
        entries = store.history(session, card_id)
    return [replace(e, reviewed_at=e.reviewed_at.replace(tzinfo=timezone.utc).astimezone(local)) for e in entries]


def toggle_suspend(ctx: Context, card_id: int) -> bool:
    """Returns whether the card is now suspended."""
    with ctx.db.write() as session:
        return store.toggle_suspended(session, card_id)


def toggle_bury(ctx: Context, card_id: int) -> date | None:
    """Bury until tomorrow (the next study day), or unbury. Returns the day it is buried until."""
    with ctx.db.write() as session:
        return store.toggle_buried(session, card_id, ctx.today())


def source_location(ctx: Context, card_id: int) -> tuple[Path, int]:
    """The file that defines the card and the line its entry starts on."""
    with ctx.db.read() as session:
        found = store.source(session, card_id)
    if found is None:
        raise LookupError(f"no card with id {card_id}")
    path, card_key, line, kind = found
    path = Path(path)
    if path.is_dir() and kind == "drill":  # the coding drills "deck" is a folder of drills
        return path / card_key / "meta.yaml", 1
    return path, max(1, line)


def is_writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


class CannotEdit(Exception):
    """The card cannot be edited here; the message says why (one line, for the learner)."""


@dataclass(frozen=True, slots=True)
class EditPlan:
    path: Path  # the file to open in the editor
    line: int  # the card's entry in it
    copy_of: Path | None = None  # a bundled deck file that begin_edit copies to `path` first

    @property
    def copies(self) -> bool:
        return self.copy_of is not None


def plan_edit(ctx: Context, card_id: int) -> EditPlan:
    """Which file to open for the card (nothing is written yet). Raises LookupError for a card
    that is gone, CannotEdit when there is nothing it could be edited in."""
    path, line = source_location(ctx, card_id)
    if not path.is_file():
        raise CannotEdit(f"{path} is not there any more.")
    if _inside(path, ctx.bundled_drills):
        raise CannotEdit(f"Coding drill cards come with flashdeck and cannot be edited here (their text: {path}).")
    if not _inside(path, ctx.bundled_decks):
        if not is_writable(path):
            raise CannotEdit(f"{path} is read-only: it cannot be edited here.")
        return EditPlan(path, line)
    view = card(ctx, card_id)
    deck_id = view.card.deck_id if view is not None else peek.deck_id(path)
    user_decks = ctx.home / "decks"
    # a copy made before whose sync has not happened (its edit left it broken, say): edit it again
    for existing in deck_files(user_decks):
        if deck_id is not None and peek.deck_id(existing) == deck_id:
            found = peek.card_line(existing, view.card.card_id) if view is not None else None
            return EditPlan(existing, found or 1)
    return EditPlan(_free_name(user_decks, path.name), line, copy_of=path)


def begin_edit(plan: EditPlan) -> EditPlan:
    """Make the copy a plan needs (byte for byte, so the card is at the same line)."""
    if plan.copy_of is not None:
        try:
            plan.path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.copy_of, plan.path)  # (not its mode: a read-only bundled file is fine)
        except OSError as exc:
            raise CannotEdit(f"Could not copy {plan.copy_of.name} to {plan.path.parent}: "
                             f"{exc.strerror or exc}.") from None
    return plan


def cancel_edit(plan: EditPlan) -> None:
    """Remove the copy begin_edit made if the editor could not even start."""
    if plan.copy_of is not None:
        try:
            if plan.path.read_bytes() == plan.copy_of.read_bytes():
                plan.path.unlink()
        except OSError:
            pass


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `stem-2.yaml`, `stem-3.yaml` ... if the learner has a file of that name."""
    candidate, stem, suffix, n = folder / name, Path(name).stem, Path(name).suffix, 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}{suffix}", n + 1
    return candidate


def after_edit(ctx: Context) -> SyncReport:
    """Pick up an edit: the ordinary deck sync. A file left broken is skipped, so its cards
    stay in the database as they were until it is fixed; the report names its problems."""
    return sync(ctx)
