"""Run the learner's function in a child ``python -I`` process (the sandbox side of the judge).

A `SandboxProcess` is ``_runner.py`` started in a new session: it sets its own CPU,
address-space, core and file-size limits before it imports anything, refuses torch, imports
NumPy, and waits on stdin for one job. A `SandboxRun` writes the learner's file and the inputs
(.npz) into that process's directory, sends the job, reads its stdout/stderr concurrently with
a cap, enforces the wall-time limit (counted from the hand-over), kills the whole process group
at the end, and reads back the events and the output arrays. Every run gets its own process.

The warm judge keeps one process started ahead of time in a `SparePool`, so a check does not
wait for Python and NumPy to start; the one-shot path (the CLI) starts its process on the spot.

No torch here, and nothing of the drill's reference reaches the child.

This module supervises one run; the limits are in sandbox_limits, what the child is started
with in sandbox_child, the processes and the pool in sandbox_process, the reading back in
sandbox_results.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import time

import numpy as np

from flashdeck.drills.case import Case
from flashdeck.drills.sandbox_child import safe_filename
from flashdeck.drills.sandbox_limits import Limits
from flashdeck.drills.sandbox_process import SandboxProcess
from flashdeck.drills.sandbox_results import SandboxResult, read_result, stack_lines
from flashdeck.drills.text import shown


class SandboxRun:
    """One learner run: constructing it hands the job to a sandbox process (the `process`
    given, if it is alive and has these limits, else one started on the spot); wait() collects
    the result.

    Between the two the caller is free to do other work (the judge computes the torch
    references while the learner's code runs).
    """

    def __init__(
        self,
        source: str,
        function: str,
        cases: list[Case],
        *,
        filename: str = "attempt.py",
        output_names: tuple[str, ...] = ("out",),
        list_outputs: tuple[bool, ...] | None = None,
        limits: Limits = Limits(),
        process: SandboxProcess | None = None,
    ):
        self.limits = limits
        self.n_cases = len(cases)
        if process is not None and (process.used or process.limits != limits
                                    or not process.alive):
            if not process.used:
                process.discard()
            process = None
        if process is None:
            process = SandboxProcess(limits)
        self.process = process
        try:
            self._hand_over(process, source, function, cases, filename, output_names,
                            list_outputs)
        except BaseException:
            self.process.discard()
            raise

    def _hand_over(self, process, source, function, cases, filename, output_names,
                   list_outputs) -> None:
        arrays: dict[str, np.ndarray] = {}
        job_cases = []
        for i, case in enumerate(cases):
            for name, value in case.arrays().items():
                arrays[f"c{i}__{name}"] = np.asarray(value)
            for name, values in case.array_lists().items():
                for j, value in enumerate(values):
                    arrays[f"c{i}__{name}__{j}"] = np.asarray(value)
            job_cases.append(
                {
                    "order": list(case.inputs),
                    "arrays": list(case.arrays()),
                    "lists": {k: len(v) for k, v in case.array_lists().items()},
                    "params": case.params(),
                    "memory_bytes": (None if case.memory_mb is None
                                     else int(case.memory_mb * 1024 * 1024)),
                }
            )
        for attempt in (1, 2):
            self._bind(process, filename)
            self.learner.write_text(source, encoding="utf-8")
            np.savez(self.jobdir / "inputs.npz", **arrays)
            job = {
                "learner": str(self.learner),
                "function": function,
                "output_names": list(output_names),
                "list_outputs": list(list_outputs or [False] * len(output_names)),
                "cases": job_cases,
            }
            self.started = time.monotonic()  # the learner's wall time starts at the hand-over
            if process.hand_over(job) or attempt == 2:
                return  # a process that died at once: wait() reports how
            # a spare that died while it waited (killed from outside): start a fresh one
            process.discard()
            process = self.process = SandboxProcess(self.limits)

    def _bind(self, process: SandboxProcess, filename: str) -> None:
        self.base = process.base
        self.jobdir = process.jobdir
        self.proc = process.proc
        self.readers = process.readers
        self.learner = self.jobdir / safe_filename(filename)

    def _wait_exit(self) -> bool:
        """Wait for the child to exit without reaping it; False on wall-time expiry."""
        deadline = self.started + self.limits.time_limit
        try:  # a pidfd turns readable when the process exits: no polling delay
            pidfd = os.pidfd_open(self.proc.pid)
        except (AttributeError, OSError):
            pidfd = None
        if pidfd is not None:
            try:
                while True:
                    now = time.monotonic()
                    if now >= deadline:
                        return False
                    ready, _, _ = select.select([pidfd], [], [], deadline - now)
                    if ready:
                        return True
            finally:
                os.close(pidfd)
        delay = 0.002
        while True:
            try:
                info = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return True
            if info is not None:
                return True
            now = time.monotonic()
            if now >= deadline:
                return False
            time.sleep(min(delay, deadline - now))
            delay = min(delay * 1.5, 0.02)

    def wait(self) -> SandboxResult:
        try:
            finished = self._wait_exit()
            if not finished:
                self._dump_stack()
            # The leader is a zombie (or being killed), so its group id cannot be reused yet:
            # kill the group to take any process the learner started along with it.
            self.kill()
            try:
                _, status, usage = os.wait4(self.proc.pid, 0)
                returncode = os.waitstatus_to_exitcode(status)
                self.proc.returncode = returncode
                cpu = usage.ru_utime + usage.ru_stime
            except ChildProcessError:  # reaped elsewhere (a SIGCHLD handler)
                returncode, cpu = self.proc.wait(), 0.0
            wall = time.monotonic() - self.started
            # What is in the pipes is read at once; a process that escaped the kill (without
            # namespaces) may hold them open for ever, so the wait for an EOF is short.
            drain_until = time.monotonic() + 0.5
            for r in self.readers:
                r.finish(timeout=max(0.0, drain_until - time.monotonic()))
            result = read_result(self.jobdir, self.n_cases, self.limits, finished, returncode, cpu)
            result.wall = wall
            # warnings name the file by its temporary path: show the learner's file name
            prefix = f"{self.jobdir}{os.sep}"
            result.stdout = shown(self.readers[0].text().replace(prefix, ""))
            result.stderr = shown(self.readers[1].text().replace(prefix, ""))
            if result.fatal:
                result.fatal_details = [shown(line) for line in stack_lines(self.jobdir, self.learner)]
            return result
        finally:
            if self.proc.returncode is None:  # interrupted (the judge is shutting down)
                self.kill()
                self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    pipe.close()
                except OSError:
                    pass
            shutil.rmtree(self.base, ignore_errors=True)

    def _dump_stack(self) -> None:
        """Ask the runner's faulthandler where the learner's code is, before the kill."""
        try:
            os.kill(self.proc.pid, signal.SIGUSR1)
        except ProcessLookupError:
            return
        fault = self.jobdir / "fault.txt"
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            try:
                if fault.stat().st_size > 0:
                    time.sleep(0.02)  # let the dump finish
                    return
            except OSError:
                pass
            time.sleep(0.01)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
