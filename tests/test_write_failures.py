"""A grade shown as done is on disk. Real faults under the real app: a full disk (a small tmpfs,
mounted for the test), the database file deleted or replaced while the review is open."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from textual.widgets import Static

from flashdeck.services import decks
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.widgets.card_text import CardText
from tests.test_cli import flashdeck


def delete_database(db: Path) -> None:
    """The database file gone under a running app, its WAL and shared memory with it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def damage(db: Path, fault: str, tmp_path: Path) -> None:
    """'deleted': the file is gone; 'replaced': another file (a copy) now has its name."""
    if fault == "deleted":
        delete_database(db)
    else:
        shutil.copy(db, tmp_path / "copy.sqlite3")
        os.replace(tmp_path / "copy.sqlite3", db)


def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for a full disk here: {result.stderr.strip() or result.returncode}")


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB file system of its own, so that filling it fills nothing else."""
    disk = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    _mount_tmpfs(disk, "16m")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Fill the file system to the last byte; removing the returned file frees it."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 20, 4096, 1):  # big blocks, then what is left, byte by byte
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def log_count(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
    finally:
        conn.close()


def front(screen) -> str:
    return screen.query_one("#front", CardText).source


def banner(screen) -> str:
    widget = screen.query_one("#unsaved", Static)
    return str(widget.render()) if widget.display else ""


async def wait_for(pilot, condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


def checkpoint(path: Path) -> None:
    # the WAL emptied: the next grade must grow a file, which a full disk refuses
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def review_app(make_ctx, home: Path) -> tuple[FlashdeckApp, Path]:
    ctx = make_ctx(home)
    decks.sync(ctx)
    return FlashdeckApp(ctx, start="review", deck_ids=["beta"]), home / "flashdeck.sqlite3"


async def reveal_the_first_card(pilot, app):
    await pilot.pause()
    screen = app.screen
    first = front(screen)
    await pilot.press("space")
    await pilot.pause()
    return screen, first


async def test_disk_full_during_a_review_keeps_the_card_says_why_and_saves_once_there_is_room(
        small_disk, make_ctx, monkeypatch):
    from flashdeck.tui.screens.review import ReviewScreen

    monkeypatch.setattr(ReviewScreen, "RETRY_SECONDS", 0.2)
    app, db = review_app(make_ctx, small_disk / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first = await reveal_the_first_card(pilot, app)
        await pilot.pause()
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("4")
        await wait_for(pilot, lambda: "Not saved" in banner(screen), "the not-saved line")
        assert "the disk is full" in banner(screen)
        assert front(screen) == first and screen.revealed  # not moved on as if it were saved
        assert app.is_running
        await pilot.press("q")  # leaving would drop it: refused, with the reason
        await pilot.pause()
        assert app.screen is screen
        assert log_count(db) == 0
        filler.unlink()  # room again: the retry saves it
        await wait_for(pilot, lambda: banner(screen) == "", "the retry to save the grade")
        assert log_count(db) == 1
        assert front(screen) != first
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_dropping_an_unsaved_grade_with_u_leaves_the_card_to_grade_again(small_disk, make_ctx, monkeypatch):
    from flashdeck.tui.screens.review import ReviewScreen

    monkeypatch.setattr(ReviewScreen, "RETRY_SECONDS", 60)  # no retry during this test
    app, db = review_app(make_ctx, small_disk / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first = await reveal_the_first_card(pilot, app)
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("5")
        await wait_for(pilot, lambda: "Not saved" in banner(screen), "the not-saved line")
        await pilot.press("u")
        await wait_for(pilot, lambda: banner(screen) == "", "the unsaved grade dropped")
        filler.unlink()
        assert front(screen) == first and log_count(db) == 0
        await pilot.press("3")  # graded again, saved at once
        await wait_for(pilot, lambda: front(screen) != first, "the next card")
        assert log_count(db) == 1 and banner(screen) == ""


@pytest.mark.parametrize("fault", ["deleted", "replaced"])
async def test_database_deleted_or_replaced_under_a_review_refuses_the_grade(tmp_path, make_ctx, fault):
    app, db = review_app(make_ctx, tmp_path / "home")
    async with app.run_test(size=(100, 30)) as pilot:
        screen, first = await reveal_the_first_card(pilot, app)
        damage(db, fault, tmp_path)
        for _ in range(3):  # the old way: three grades accepted, then lost
            await pilot.press("4")
            await wait_for(pilot, lambda: "Not saved" in banner(screen), "the not-saved line")
            assert f"was {fault} while flashdeck was open" in banner(screen)
            assert front(screen) == first
        assert app.is_running
    if fault == "replaced":
        assert log_count(db) == 0  # the file in place got nothing it would not show


def test_decks_list_on_a_fresh_home_on_a_full_disk_is_one_line(small_disk):
    home = small_disk / "home"
    filler = fill(small_disk)
    result = flashdeck("decks", "list", home=home)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "full" in result.stderr or "No space" in result.stderr, result.stderr
    filler.unlink()
    again = flashdeck("decks", "list", home=home)  # nothing half-made is in the way
    assert again.returncode == 0, again.stderr


async def test_drill_screen_with_its_database_deleted_says_not_saved_and_keeps_going(make_ctx, tmp_path):
    """The drill screen's writes (the hint taken, the autosave of the code) refuse a deleted
    database in words; the learner's code stays in the editor. (No check is run: no judge.)"""
    from textual.widgets import TextArea

    from flashdeck import paths
    from flashdeck.tui.screens.drill import DrillScreen

    ctx = make_ctx(tmp_path / "home", bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    db = tmp_path / "home" / "flashdeck.sqlite3"
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(DrillScreen("softmax", fresh=True))
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen) and app.screen.attempt, "the drill")
        screen = app.screen
        delete_database(db)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.hints_seen == 0  # a hint is shown only once it is counted
        screen.query_one("#code", TextArea).insert("# mine\n")
        screen.save()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "# mine" in screen.code and screen._saved_code != screen.code
