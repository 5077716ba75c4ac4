"""Export to Anki, proven by importing with the real `anki` package (Anki's own Rust importer)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from sqlalchemy import func, select

from conftest import cli_env

from flashdeck import paths
from flashdeck.domain.studyday import study_day
from flashdeck.export import anki as anki_format
from flashdeck.render.markdown_math import render_markdown_math
from flashdeck.services import decks as deck_service
from flashdeck.services import export as export_service
from flashdeck.services.context import open_context
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test on a flashdeck context runs on SQLite and on PostgreSQL (issue 19): the export
    with progress, re-export updating, and the rest."""
    return backend_make_ctx


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def open_collection(tmp_path):
    opened = []

    def make(name: str = "anki") -> Collection:
        folder = tmp_path / name
        folder.mkdir()
        col = Collection(str(folder / "collection.anki2"))
        opened.append(col)
        return col

    yield make
    for col in opened:
        col.close()


def import_package(col: Collection, path: Path, scheduling: bool = False):
    options = ImportAnkiPackageOptions(with_scheduling=scheduling, with_deck_configs=False)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def notes_by_key(col: Collection) -> dict:
    """flashdeck key -> Anki note (the Key field is plain, escaped text)."""
    return {html.unescape(col.get_note(nid)["Key"]): col.get_note(nid) for nid in col.find_notes("")}


def deck_names(col: Collection) -> set[str]:
    return {d.name for d in col.decks.all_names_and_ids()}


def live_card_count(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(CardRow).where(CardRow.retired.is_(False)))


def outside_code(text: str) -> str:
    text = re.sub(r"<pre>.*?</pre>", "", text, flags=re.S)
    return re.sub(r"<code[^>]*>.*?</code>", "", text, flags=re.S)


def md_outside_code(text: str) -> str:
    text = re.sub(r"^ *(```|~~~).*?^ *\1", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`]*`", "", text)


def real_today() -> "datetime.date":
    return study_day(datetime.now().astimezone(), 4)


# --------------------------------------------------------------------------- content


def test_fixture_decks_import_with_fields_tags_and_decks(ctx, tmp_path, open_collection):
    out = tmp_path / "out.apkg"
    report = export_service.export_anki(ctx, out)
    assert report.notes == 6 == live_card_count(ctx)
    assert report.decks == [("flashdeck::Alpha deck", 4), ("flashdeck::Beta deck", 2)]

    col = open_collection()
    log = import_package(col, out)
    assert len(log.new) == 6 and col.note_count() == 6 and col.card_count() == 6
    assert {"flashdeck", "flashdeck::Alpha deck", "flashdeck::Beta deck"} <= deck_names(col)
    notes = notes_by_key(col)

    a1 = notes["alpha/a1"]
    assert a1.note_type()["name"] == "flashdeck concept"
    assert a1["Front"] == r"<p>Why divide attention scores by \(\sqrt{d_k}\)?</p>"
    assert a1["Back"] == r"<p>To keep the variance of \(q \cdot k\) at about 1, so softmax does not saturate.</p>"
    assert a1["Explanation"] == r"<p>For unit-variance components, \(q\cdot k\) has variance \(d_k\).</p>"
    assert a1["Source"] == "<p>Vaswani et al. (2017), section 3.2.1</p>"
    assert sorted(a1.tags) == ["concept", "transformer::attention"]
    with ctx.db.read() as session:
        changed = session.scalar(select(CardRow.changed_at).where(CardRow.key == "alpha/a1"))
    assert a1.mod == int(changed.replace(tzinfo=timezone.utc).timestamp())  # note mtime = card changed_at
    assert col.decks.name(a1.cards()[0].did) == "flashdeck::Alpha deck"

    a2 = notes["alpha/a2"]
    assert a2["Front"] == r"<p>What is the shape of \(QK^\top\) for \(Q \in \mathbb{R}^{n \times d}\)?</p>"

    a3 = notes["alpha/a3"]
    assert a3.note_type()["name"] == "flashdeck math"
    assert a3["Back"] == r"<p>\(12d^2\)</p>"
    assert a3["Formula"] == "<code>12*d**2</code>"
    assert a3["Variables"] == "<ul><li><code>d</code>: model width</li></ul>"
    assert sorted(a3.tags) == ["math", "transformer::architecture"]

    a4 = notes["alpha/a4"]
    assert a4.note_type()["name"] == "flashdeck concept"
    assert "repetition penalty" in a4["Key points"] and "(also: frequency penalty)" in a4["Key points"]
    assert sorted(a4.tags) == ["interview::scenario", "llm::decoding", "scenario"]

    assert sorted(notes["beta/b1"].tags) == ["concept", "systems::distributed"]
    assert col.decks.name(notes["beta/b1"].cards()[0].did) == "flashdeck::Beta deck"

    # the templates render: question, then answer with its sections; MathJax left to the client
    card = a1.cards()[0]
    assert r"\(\sqrt{d_k}\)" in card.question()
    answer = card.answer()
    assert "To keep the variance" in answer and ">Why<" in answer and "alpha/a1" in answer
    assert ".nightMode" in card.css()


def test_note_types_have_fixed_ids(ctx, tmp_path, open_collection):
    out = tmp_path / "out.apkg"
    export_service.export_anki(ctx, out)
    col = open_collection()
    import_package(col, out)
    ids = {m["name"]: m["id"] for m in col.models.all()}
    assert ids["flashdeck concept"] == anki_format.CONCEPT.id
    assert ids["flashdeck math"] == anki_format.MATH.id


def test_topics_select_cards_by_topic_id_or_track(ctx, tmp_path):
    report = export_service.export_anki(ctx, tmp_path / "a.apkg", topics=["transformer.attention"])
    assert report.notes == 2 and report.decks == [("flashdeck::Alpha deck", 2)]
    report = export_service.export_anki(ctx, tmp_path / "b.apkg", topics=["systems", "llm.decoding"])
    assert report.notes == 3
    report = export_service.export_anki(ctx, tmp_path / "c.apkg", deck_ids=["beta"])
    assert report.notes == 2 and report.decks == [("flashdeck::Beta deck", 2)]


@pytest.fixture
def full_ctx(tmp_path, clock):
    """The bundled decks and coding drills, as shipped."""
    ctx = open_context(tmp_path / "full-home", clock=clock, bundled_decks=paths.bundled_decks_dir(),
                       bundled_drills=paths.bundled_drills_dir())
    yield ctx
    ctx.close()


def test_bundled_decks_and_drills_export_whole(full_ctx, tmp_path, open_collection):
    ctx = full_ctx
    assert not deck_service.sync(ctx).problems
    seen = []
    out = tmp_path / "all.apkg"
    report = export_service.export_anki(ctx, out, progress=lambda done, total: seen.append((done, total)))
    total = live_card_count(ctx)
    assert report.notes == total > 300
    assert seen[-1] == (total, total)

    col = open_collection()
    import_package(col, out)
    assert col.note_count() == total
    with ctx.db.read() as session:
        titles = {t for (t,) in session.execute(select(CardRow.deck_id).distinct())}
        rows = {r.key: r for r in session.scalars(select(CardRow).where(CardRow.retired.is_(False)))}
    from flashdeck.store import export as export_store

    with ctx.db.read() as session:
        infos = {d.id: d.title for d in export_store.live_decks(session)}
    assert {f"flashdeck::{infos[d]}" for d in titles} <= deck_names(col)

    notes = notes_by_key(col)
    assert set(notes) == set(rows)
    drills = 0
    for key, note in notes.items():
        row = rows[key]
        sources = "\n".join([row.front, row.back, row.explanation, row.source])
        if row.kind == "drill":
            drills += 1
            from flashdeck.drills.catalog import get_drill

            drill = get_drill(row.extra["drill"], paths.bundled_drills_dir())
            sources += "\n" + drill.prompt() + "\n".join(drill.hints())
            solution = re.fullmatch(r'<pre><code class="language-python">(.*)</code></pre>', note["Solution"], re.S)
            assert solution and html.unescape(solution.group(1)) == drill.solution_path.read_text().strip("\n"), key
            assert note["Signature"] == f'<pre><code class="language-python">{html.escape(drill.signature, quote=False)}</code></pre>'
        for name in note.keys():
            value = note[name]
            # MathJax intact: every formula is the card's LaTeX, verbatim
            for formula in re.findall(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", outside_code(value), re.S):
                tex = html.unescape(formula[0] or formula[1])
                assert tex in sources, (key, name, tex)
        for name, text in (("Front", row.front), ("Back", row.back), ("Explanation", row.explanation)):
            if name not in note.keys() or not text:
                continue
            # no math left as raw dollars (unless the terminal renderer also kept it: money)
            if "$" not in md_outside_code(render_markdown_math(text)):
                assert "$" not in outside_code(note[name]), (key, name)
    assert drills == len(list(paths.bundled_drills_dir().glob("*/meta.yaml")))


# --------------------------------------------------------------------------- re-export


def test_reexport_after_edit_updates_the_note_never_duplicates(make_ctx, decks_dir, clock, tmp_path, open_collection):
    ctx = make_ctx()
    deck_service.sync(ctx)
    col = open_collection()
    first = tmp_path / "first.apkg"
    export_service.export_anki(ctx, first)
    assert len(import_package(col, first).new) == 6

    path = decks_dir / "alpha.yaml"
    path.write_text(path.read_text().replace("back: $n \\times n$", "back: $n \\times n$, one score per query-key pair"))
    clock.advance(days=1)
    assert deck_service.sync(ctx).updated == 1
    second = tmp_path / "second.apkg"
    export_service.export_anki(ctx, second)
    log = import_package(col, second)
    assert len(log.new) == 0 and len(log.updated) == 1 and len(log.duplicate) == 5
    assert col.note_count() == 6 and col.card_count() == 6
    assert notes_by_key(col)["alpha/a2"]["Back"] == r"<p>\(n \times n\), one score per query-key pair</p>"

    # an unchanged re-export is a no-op
    log = import_package(col, second)
    assert len(log.new) == 0 and len(log.updated) == 0 and col.note_count() == 6


# --------------------------------------------------------------------------- progress


def _review_alpha(ctx, clock) -> None:
    """Day 1: every alpha card answered; day 2 (a1 and a2 due): a1 remembered, a2 forgotten."""
    session = StudySession(ctx, ["alpha"])
    while session.current is not None:
        session.grade(5 if session.current.card.card_id != "a3" else 4, duration_ms=4000)
    clock.advance(days=1)
    session = StudySession(ctx, ["alpha"])
    while session.current is not None:
        card_id = session.current.card.card_id
        if card_id == "a1":
            session.grade(5, duration_ms=2500)
        elif card_id == "a2" and session.progress.done < 3:
            session.grade(1, duration_ms=9000)  # a lapse: comes back in this session
        else:
            session.grade(4, duration_ms=3000)


def test_progress_arrives_as_review_cards_and_revlog(ctx, clock, tmp_path, open_collection):
    _review_alpha(ctx, clock)
    with ctx.db.read() as session:
        states = {key: state for key, state in session.execute(
            select(CardRow.key, CardStateRow).join(CardStateRow, CardStateRow.card_id == CardRow.id))}
        logs = session.execute(select(CardRow.key, ReviewLogRow).join(CardRow, CardRow.id == ReviewLogRow.card_id)
                               .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
    assert states["alpha/a2"].lapses == 1 and states["alpha/a1"].interval == 6
    out = tmp_path / "progress.apkg"
    report = export_service.export_anki(ctx, out, include_progress=True)
    assert report.reviewed == 4 and report.revlog == len(logs) >= 8

    col = open_collection()
    import_package(col, out, scheduling=True)
    notes = notes_by_key(col)
    offset = col.sched.today - real_today().toordinal()  # Anki's day number for a calendar day
    for key, state in states.items():
        card = notes[key].cards()[0]
        if state.due is None:
            assert (card.type, card.queue, card.ivl) == (0, 0, 0), key
            continue
        assert card.type == 2 and card.queue == 2, key  # review cards
        assert card.ivl == state.interval, key
        assert card.factor == state.easiness_pct * 10, key
        assert card.lapses == state.lapses, key
        assert card.due == state.due.toordinal() + offset, key  # due on the same calendar day

    rows = col.db.all("select r.id, c.nid, r.ease, r.ivl, r.lastIvl, r.factor, r.time from revlog r"
                      " join cards c on c.id = r.cid order by r.id")
    assert len(rows) == len(logs)
    key_of_nid = {note.id: key for key, note in notes.items()}
    got = sorted((key_of_nid[nid], rid, ease, ivl, last_ivl, factor, time_ms)
                 for rid, nid, ease, ivl, last_ivl, factor, time_ms in rows)
    expected = sorted((key, log.reviewed_at, log.id, log) for key, log in logs)
    for (key, rid, ease, ivl, last_ivl, factor, time_ms), (log_key, _, _, log) in zip(got, expected):
        assert key == log_key
        ms = int(log.reviewed_at.replace(tzinfo=timezone.utc).timestamp() * 1000)
        assert ms <= rid < ms + len(logs)  # review time in ms (equal times spread over the next ms)
        assert ease == anki_format.anki_button(log.quality)
        assert (ivl, last_ivl, factor, time_ms) == (log.interval_after, log.interval_before, log.ease_after * 10,
                                                    log.duration_ms)

    # importing the same package again neither duplicates notes nor revlog rows
    import_package(col, out, scheduling=True)
    assert col.note_count() == 6 and col.db.scalar("select count() from revlog") == len(logs)


def _tables(package: Path) -> dict[str, list[tuple]]:
    import sqlite3
    import zipfile

    with zipfile.ZipFile(package) as zf:
        blob = zf.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(blob)
    out = {table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("notes", "cards", "revlog")}
    db.close()
    return out


def test_a_sqlite_review_log_read_inside_sqlite_gives_the_rows_the_python_way_gives(
        base_make_ctx, clock, tmp_path, monkeypatch):
    """On a SQLite file the review log goes into the package by SQL (store.export.sqlite_revlog);
    the Python way (every other database) is the reference: the same notes, cards and revlog,
    ties in time included (equal ms spread over the next free ones, within a card and across
    cards), cram and relearn types, fractions of a ms and durations out of range."""
    ctx = base_make_ctx()
    deck_service.sync(ctx)
    _review_alpha(ctx, clock)
    with ctx.db.write() as session:
        ids = [i for (i,) in session.execute(select(ReviewLogRow.id).order_by(ReviewLogRow.id))]
        first = session.get(ReviewLogRow, ids[0]).reviewed_at
        for n, log_id in enumerate(ids):
            row = session.get(ReviewLogRow, log_id)
            # half of them at one instant, the rest at .0005 s steps: two per ms
            row.reviewed_at = first if n % 2 else first.replace(microsecond=500 * n)
        session.get(ReviewLogRow, ids[-1]).mode = "cram"  # (a day-2 review: a first answer is type 0)
        session.get(ReviewLogRow, ids[2]).duration_ms = 2**40
        session.get(ReviewLogRow, ids[3]).duration_ms = -5
    in_sql = export_service.export_anki(ctx, tmp_path / "sql.apkg", include_progress=True)
    monkeypatch.setattr(export_service, "_sqlite_file", lambda ctx: None)
    in_python = export_service.export_anki(ctx, tmp_path / "python.apkg", include_progress=True)
    assert in_sql.revlog == in_python.revlog == len(ids) and in_sql.reviewed == in_python.reviewed == 4
    sql, python = _tables(tmp_path / "sql.apkg"), _tables(tmp_path / "python.apkg")
    assert sql == python
    revlog = sql["revlog"]
    assert len({row[0] for row in revlog}) == len(ids)  # every id its own
    assert {row[7] for row in revlog} >= {0, 2**31 - 1} and {row[8] for row in revlog} >= {0, 1, 3}


def test_with_fsrs_scheduling_cards_arrive_with_fsrs_intervals_and_due_days(make_ctx, tmp_path, clock,
                                                                            open_collection):
    """Issue 18: the export carries each card's interval and due date as scheduled, whichever
    scheduler scheduled it."""
    from flashdeck.services.settings import set_setting

    home = tmp_path / "fsrs-home"
    set_setting(home / "config.toml", "study", "scheduler", "fsrs")
    ctx = make_ctx(home)
    deck_service.sync(ctx)
    _review_alpha(ctx, clock)
    with ctx.db.read() as session:
        states = {key: state for key, state in session.execute(
            select(CardRow.key, CardStateRow).join(CardStateRow, CardStateRow.card_id == CardRow.id))
            if key.startswith("alpha/")}
    assert states["alpha/a1"].interval != 6  # SM-2 would say 6 days here: this is FSRS's
    out = tmp_path / "fsrs.apkg"
    export_service.export_anki(ctx, out, include_progress=True)
    col = open_collection()
    import_package(col, out, scheduling=True)
    notes = notes_by_key(col)
    offset = col.sched.today - real_today().toordinal()
    for key, state in states.items():
        card = notes[key].cards()[0]
        assert state.due is not None and card.type == 2, key
        assert (card.ivl, card.due) == (max(1, state.interval), state.due.toordinal() + offset), key


def test_without_scheduling_on_import_cards_arrive_new(ctx, clock, tmp_path, open_collection):
    _review_alpha(ctx, clock)
    out = tmp_path / "progress.apkg"
    export_service.export_anki(ctx, out, include_progress=True)
    col = open_collection()
    import_package(col, out, scheduling=False)
    assert col.note_count() == 6
    assert col.db.scalar("select count() from cards where type != 0") == 0
    assert col.db.scalar("select count() from revlog") == 0


def test_without_include_progress_the_package_has_no_state(ctx, clock, tmp_path, open_collection):
    _review_alpha(ctx, clock)
    out = tmp_path / "plain.apkg"
    report = export_service.export_anki(ctx, out)
    assert report.revlog == 0
    col = open_collection()
    import_package(col, out, scheduling=True)
    assert col.db.scalar("select count() from cards where type != 0") == 0
    assert col.db.scalar("select count() from revlog") == 0


def test_suspended_card_stays_suspended(ctx, tmp_path, open_collection):
    session = StudySession(ctx, ["beta"])
    session.grade(5)
    session.suspend()
    out = tmp_path / "s.apkg"
    export_service.export_anki(ctx, out, include_progress=True)
    col = open_collection()
    import_package(col, out, scheduling=True)
    queues = {key: note.cards()[0].queue for key, note in notes_by_key(col).items()}
    assert queues["beta/b1"] == 2 and queues["beta/b2"] == -1


# --------------------------------------------------------------------------- bad input


def test_unknown_deck_or_topic_is_a_selection_error(ctx, tmp_path):
    with pytest.raises(export_service.SelectionError, match=r"unknown deck 'nope' \(known: alpha, beta\)"):
        export_service.export_anki(ctx, tmp_path / "x.apkg", deck_ids=["alpha", "nope"])
    with pytest.raises(export_service.SelectionError, match="unknown topic 'transformer.nope'"):
        export_service.export_anki(ctx, tmp_path / "x.apkg", topics=["transformer.nope"])
    with pytest.raises(export_service.NothingToExport):
        export_service.export_anki(ctx, tmp_path / "x.apkg", deck_ids=["beta"], topics=["math"])
    assert list(tmp_path.glob("*.apkg")) == []


def test_unwritable_target_is_one_line_and_leaves_nothing(ctx, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for target in (blocker / "out.apkg", tmp_path / "missing" / "out.apkg"):
        with pytest.raises(export_service.PackageError) as info:
            export_service.export_anki(ctx, target)
        assert str(info.value).startswith(f"cannot write {target}") and "\n" not in str(info.value)
    folder = tmp_path / "folder.apkg"
    folder.mkdir()
    with pytest.raises(export_service.PackageError, match="it is a folder"):
        export_service.export_anki(ctx, folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "folder.apkg"]


def test_failure_midway_keeps_the_previous_file(ctx, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "deck.apkg"
    out.write_bytes(b"previous export")
    calls = {"n": 0}
    real = export_service.markdown_to_html

    def flaky(text: str) -> str:
        calls["n"] += 1
        if calls["n"] > 8:
            raise RuntimeError("disk on fire")
        return real(text)

    monkeypatch.setattr(export_service, "markdown_to_html", flaky)
    with pytest.raises(RuntimeError):
        export_service.export_anki(ctx, out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_package_is_an_ordinary_file(ctx, tmp_path):
    out = tmp_path / "x.apkg"
    export_service.export_anki(ctx, out)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


# --------------------------------------------------------------------------- the CLI


def _flashdeck(*args: str, home: Path, db: str | None = None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("flashdeck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "flashdeck"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=cli_env(home, db), timeout=120,
                          stdin=subprocess.DEVNULL)


def test_cli_exports_and_reports_errors_in_one_line(tmp_path, open_collection, cli_db):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks" / "alpha.yaml")
    out = tmp_path / "alpha.apkg"

    result = _flashdeck("export", "anki", str(out), "--deck", "alpha", "--include-progress", home=home, db=cli_db)
    assert result.returncode == 0, result.stderr
    assert "flashdeck::Alpha deck: 4 notes" in result.stdout
    assert f"Wrote {out}: 4 notes in 1 deck, 0 with review state, 0 review-log rows." in result.stdout
    col = open_collection()
    import_package(col, out)
    assert col.note_count() == 4
    assert (home / "flashdeck.sqlite3").exists() == (cli_db is None)

    result = _flashdeck("export", "anki", str(tmp_path / "x.apkg"), "--deck", "nope", home=home, db=cli_db)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown deck 'nope' (known: ") and result.stderr.count("\n") == 1

    result = _flashdeck("export", "anki", str(tmp_path / "x.apkg"), "--topics", "transformer.attention,nope", home=home, db=cli_db)
    assert result.returncode == 2 and result.stderr.startswith("Error: unknown topic 'nope'")
    assert result.stderr.count("\n") == 1

    result = _flashdeck("export", "anki", str(tmp_path / "no" / "x.apkg"), home=home, db=cli_db)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'no' / 'x.apkg'}")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.apkg").exists()

    result = _flashdeck("--help", home=home, db=cli_db)
    assert result.returncode == 0 and "export" in result.stdout
