"""Work begun in a thread now, its result taken when it is needed.

The quick starts read SQLite while Textual is imported, and the statistics read the log's
figures on a second connection while readiness is computed: sqlite3 lets go of the
interpreter while SQLite works, so on a second core the reading costs the caller little.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

__all__ = ["begun", "on_reader"]

T = TypeVar("T")


def begun(work: Callable[[], T], name: str) -> Callable[[], T]:
    """Start `work` in a daemon thread; the returned call waits for its result, or raises the
    error it raised (in the caller's thread, with its own traceback)."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            out["error"] = exc

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if "error" in out:
            raise out["error"]
        return out["value"]

    return result


def on_reader(open_reader: Callable[[], object], work: Callable) -> object:
    """work(reader) on a reader opened (and closed) in this thread; None without one."""
    reader = open_reader()  # here: a sqlite3 connection is for the thread that made it
    if reader is None:
        return None
    try:
        return work(reader)
    finally:
        reader.close()
