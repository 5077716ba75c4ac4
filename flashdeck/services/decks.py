"""Finding, validating and syncing decks."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flashdeck import paths
from flashdeck.content import peek
from flashdeck.content.loader import Problem, deck_files, load_deck_file, load_deck_layout, load_decks
from flashdeck.domain.cards import Deck, DeckSummary
from flashdeck.services.context import Context
from flashdeck.store import mock as card_store
from flashdeck.store import study as study_store
from flashdeck.store import sync as sync_store


@dataclass
class SyncReport:
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    retired: int = 0
    parsed_files: int = 0
    parsed_cards: int = 0  # of the files parsed: a big file with one card edited parses that card

    @property
    def broken_files(self) -> list[str]:
        return sorted({p.path for p in self.problems})


def all_deck_files(ctx: Context) -> list[Path]:
    return deck_files(ctx.bundled_decks) + deck_files(ctx.home / "decks")


def drill_ids() -> set[str]:
    root = paths.bundled_drills_dir()
    if not root.is_dir():
        return set()
    return {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}


def sync(ctx: Context) -> SyncReport:
    with _no_cyclic_gc():
        try:
            return _sync(ctx, incremental=True)
        except sync_store.LayoutStale:  # another start synced a file meanwhile: its write rolled back
            return _sync(ctx, incremental=False)


@contextmanager
def _no_cyclic_gc():
    """The cyclic garbage collector paused for the block (its state before restored after): a
    big deck's hundreds of thousands of new mappings, cards and rows made it scan the heap over
    and over (0.45 s of a 100,000-card first sync). The sync makes no garbage cycles to speak
    of, and reference counting still frees everything else as it goes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sync(ctx: Context, incremental: bool) -> SyncReport:
    """Bring the database in line with the deck files; unchanged files are not even parsed.

    A deck of the learner's (<home>/decks/) with the id of a bundled deck overrides it: the
    bundled file is left out, silently, and the deck's cards (same deck id, same card ids)
    keep their history. That is what editing a bundled card makes (services.browse). Two
    decks with one id in the same folder are still a clash, reported on the second.

    A file with a bad card loads its other cards; the bad card stays in the database as it
    was (a typo never retires a card), and the file is parsed again, and its problems
    reported again, at every sync until it is fixed."""
    report = SyncReport()
    bundled_files = deck_files(ctx.bundled_decks)
    user_files = deck_files(ctx.home / "decks")
    files = bundled_files + user_files
    hashes = {str(p): _file_hash(p) for p in files}
    # the coding drills are one more "deck file": their folder, hashed over its drills
    drills_path, drills_hash = drills_source(ctx)
    if drills_path is not None:
        hashes[drills_path] = drills_hash
    with ctx.db.read() as session:
        known = sync_store.known_files(session)
    changed = [p for p in files if known.get(str(p), (None, None))[1] != hashes[str(p)]]

    parsed: dict[Path, tuple] = {}  # path -> (deck or None, problems)
    layouts: dict[str, tuple] = {}  # deck file -> where its cards are (load_deck_layout)

    def parse(path: Path):
        if path not in parsed:
            # the chunks of the file the database has: a big file with one card edited parses that card
            held = known.get(str(path), (None, None))[0]
            chunks = None
            if held is not None and incremental:
                with ctx.db.read() as session:
                    chunks = sync_store.known_chunks(session, held)
            deck, problems, layouts[str(path)] = load_deck_layout(path, drill_ids(), chunks)
            parsed[path] = deck, problems
            report.parsed_files += 1
            report.parsed_cards += len(deck.cards) if deck is not None else 0
        return parsed[path]

    # the deck ids the learner's files hold (a broken file keeps the id it had, else the one it names)
    user_ids: dict[str, str] = {}
    for path in user_files:
        held = known.get(str(path), (None, None))[0]
        if path in changed:
            deck, _ = parse(path)
            held = deck.id if deck is not None else held or peek.deck_id(path)
        if held is not None:
            user_ids.setdefault(held, str(path))
    overridden = set()  # bundled files whose deck the learner's own copy replaces
    for path in bundled_files:
        held = known[str(path)][0] if str(path) in known else peek.deck_id(path)
        if held is None and path in changed:  # written in a style the peek does not read
            deck, _ = parse(path)
            held = deck.id if deck is not None else None
        if held in user_ids:
            overridden.add(path)
    changed = [p for p in changed if p not in overridden]

    drills_changed = drills_path is not None and known.get(drills_path, (None, None))[1] != drills_hash
    vanished = set(known) - set(hashes)
    if not changed and not vanished and not drills_changed:
        return report

    loaded_ids = {deck_id for path, (deck_id, _) in known.items() if path in hashes}
    decks = []
    seen_ids = {known[str(p)][0]: str(p) for p in files
                if str(p) in known and p not in changed and p not in overridden}
    left_out: dict[str, list[Problem]] = {}  # deck file -> the problems of the cards it loaded without
    for path in changed:
        deck, problems = parse(path)
        if deck is not None and deck.id in seen_ids and seen_ids[deck.id] != deck.path:
            problems = [*problems, Problem(deck.path, 1, f"deck id '{deck.id}' is already used by {seen_ids[deck.id]}")]
            deck = None
        report.problems.extend(problems)
        if deck is not None:
            seen_ids[deck.id] = deck.path
            decks.append(deck)
            if problems:
                left_out[deck.path] = problems
    if drills_changed:
        from flashdeck.services import drills as drill_service  # only now: it costs ~30 ms

        deck, problems = drill_service.catalog_deck(ctx)
        if deck is not None and deck.id in seen_ids and seen_ids[deck.id] != deck.path:
            problems = [Problem(deck.path, 1, f"deck id '{deck.id}' is already used by {seen_ids[deck.id]}")]
            deck = None
        report.problems.extend(problems)
        if deck is not None:
            decks.append(deck)
    now = ctx.now_utc()
    with ctx.db.write() as session:
        for deck in decks:
            file_hash = hashes[deck.path]
            if deck.path in left_out:
                deck = _with_cards_left_out(session, deck, left_out[deck.path])
                file_hash = _RECHECK + file_hash[:64 - len(_RECHECK)]  # matches no file: parsed again next time
            counts = sync_store.sync_deck(session, deck, file_hash, now, layouts.get(deck.path, ()))
            report.added += counts.added
            report.updated += counts.updated
            report.retired += counts.retired
            loaded_ids.add(deck.id)
        sync_store.retire_decks_not_in(session, set(hashes), loaded_ids | {d.id for d in decks})
    return report


_RECHECK = "recheck:"


def _with_cards_left_out(session, deck: Deck, problems: list[Problem]) -> Deck:
    """The deck plus, as the database has them, the live cards its file left out for their
    problems, each at the line where the file now has it (for the editor, and the order)."""
    loaded = {card.card_id for card in deck.cards}
    wanted = {p.card_id: p.line for p in reversed(problems) if p.card_id is not None and p.card_id not in loaded}
    keys = [f"{deck.id}/{card_id}" for card_id in wanted]
    kept = [card for key, card in card_store.cards(session, keys).items() if card_store.card_id(session, key) is not None]
    if not kept:
        return deck
    kept = [dataclasses.replace(card, line=peek.card_line(Path(deck.path), card.card_id) or wanted[card.card_id])
            for card in kept]
    return dataclasses.replace(deck, cards=tuple(sorted([*deck.cards, *kept], key=lambda card: card.line)))


def summaries(ctx: Context) -> list[DeckSummary]:
    with ctx.db.read() as session:
        return study_store.deck_summaries(session, ctx.today())


def validate(targets: list[Path], home: Path | None = None) -> tuple[int, list[Problem]]:
    """Full check of deck files (formulas included). Returns (files checked, problems).

    A bad card is a problem here, though the sync loads the rest of its file: this is for
    authors. So is a deck id that one of the installed decks (bundled, and <home>/decks when
    `home` is given) already uses, whether or not those files are among the targets."""
    files: list[Path] = []
    for target in targets:
        files.extend(deck_files(target) if target.is_dir() else [target])
    bundled = {str(p) for p in deck_files(paths.bundled_decks_dir())}  # overridden by the learner's copies
    result = load_decks(files, drill_ids(), overridable=bundled)
    problems = list(result.problems)
    for deck in result.decks:
        problems.extend(_formula_problems(deck))
    problems.extend(_clashes_with_installed(result.decks, files, home))
    return len(files), problems


def _clashes_with_installed(decks: tuple[Deck, ...], checked: list[Path], home: Path | None) -> list[Problem]:
    """The decks whose id an installed deck file outside `checked` already has, as the sync
    would see them: within one folder that is a clash, and a deck of <home>/decks replaces a
    bundled deck of its id. A file from anywhere else whose copy (same name, same id) is in
    <home>/decks is judged as that copy; any other clashes with every installed deck of its id,
    a bundled one too: an author who picks, say, `math` for a new deck would otherwise hide
    the bundled deck once it is installed."""
    bundled_dir = paths.bundled_decks_dir().resolve()
    user_dir = (home / "decks").resolve() if home is not None else None
    seen = {p.resolve() for p in checked}
    installed = [p.resolve() for p in deck_files(bundled_dir) + (deck_files(user_dir) if user_dir else [])]
    installed = [p for p in installed if p not in seen]
    if not installed:
        return []
    ids: dict[Path, str] = {}
    for path in installed:
        held = peek.deck_id(path)
        if held is None:  # written in a style the peek does not read
            deck, _ = load_deck_file(path)
            held = deck.id if deck is not None else None
        if held is not None:
            ids[path] = held
    problems = []
    for deck in decks:
        own = Path(deck.path).resolve()
        here = own.parent
        if here not in (bundled_dir, user_dir) and user_dir is not None and ids.get(user_dir / own.name) == deck.id:
            here = user_dir  # its installed copy is there: judge it as that copy
        for other, held in ids.items():
            there = other.parent
            if held != deck.id or other.name == own.name and there == here:
                continue
            if here == user_dir and there == bundled_dir or here == bundled_dir and there == user_dir:
                continue  # the learner's copy replaces the bundled deck
            hint = ""
            if there == bundled_dir and here != bundled_dir and user_dir is not None:
                hint = f" (a bundled deck: only a deck in {user_dir} replaces it)"
            problems.append(Problem(deck.path, 1, f"deck id '{deck.id}' is already used by {other}{hint}"))
            break
    return problems


def _formula_problems(deck) -> list[Problem]:
    try:
        # lazy: the formula checker imports sympy; only a deck with formula cards pays for it
        from flashdeck.content.formula import FormulaError, parse_formula
    except ImportError:  # the formula checker is optional until it lands
        return []
    problems = []
    for card in deck.cards:
        if card.kind != "math":
            continue
        try:
            parse_formula(card.answer, [name for name, _ in card.variables])
        except FormulaError as exc:
            problems.append(Problem(deck.path, card.line, f"card '{card.card_id}': answer is not a valid formula: {exc}"))
    return problems


def drills_source(ctx: Context) -> tuple[str | None, str]:
    """(the coding drills folder, a hash of what its drill cards are made of); (None, "") if
    there is none. Cheap (~2 ms): the catalogue is parsed only when this hash changes."""
    root = ctx.bundled_drills
    if not root.is_dir():
        return None, ""
    digest = hashlib.sha256()
    for folder in sorted(p for p in root.iterdir() if (p / "meta.yaml").is_file()):
        digest.update(folder.name.encode() + b"\0")
        for name in ("meta.yaml", "solution.py"):
            try:
                digest.update((folder / name).read_bytes() + b"\0")
            except OSError:
                digest.update(b"missing\0")
    return str(root), digest.hexdigest()


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
