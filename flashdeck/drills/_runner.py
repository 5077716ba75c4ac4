"""The learner's sandbox: run as ``python -I -u _runner.py JOBDIR SETUP`` by
flashdeck.drills.sandbox_process.

Standard library and NumPy only; it never imports flashdeck, torch or a drill's reference.
SETUP is JSON (limits, blocked frameworks). The runner sets its own resource limits first,
refuses torch/tensorflow/jax, imports NumPy, and then waits for its job: one JSON line on stdin
(learner file, function name, output names, cases). The parent may start it ahead of time (the
warm judge keeps one such process ready), but each process runs exactly one job and exits: no
state survives from one learner run to the next. EOF on stdin instead of a job: it leaves
quietly. Once the job is read, stdin is /dev/null.

Before anything else it contains itself (_contain.py: namespaces, a read-only file system with
only JOBDIR writable, no network, or else a process group) and records how in events.jsonl.

JOBDIR holds inputs.npz (the input arrays) and the learner's file, written by the parent before
it sends the job. The runner loads the learner's file, calls the function once per case, and
writes:

- events.jsonl: one JSON object per line ({"event": "loaded"}, {"event": "start", "case": i},
  {"event": "case", "case": i, ...}, {"event": "done"}), flushed as it goes, so a crash or a
  kill still leaves the parent a record of what finished;
- out_<case>_<k>.npy: the outputs, saved with allow_pickle=False.

The learner's prints go to stdout/stderr, which the parent reads and caps.
"""

import faulthandler
import importlib.util
import json
import os
import resource
import signal
import sys
import traceback
import tracemalloc
import types

BLOCKED_MESSAGE = "{name} is not available in NumPy drills — implement it with numpy"


class _LearnerExit(BaseException):
    """Raised in place of os._exit() so that the runner can report it."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class _BadOutput(Exception):
    pass


def _limit(kind, soft, hard):
    """Lower a resource limit, never above a hard limit the parent already had."""
    _, old_hard = resource.getrlimit(kind)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(kind, (soft, hard))


def _set_limits(limits):
    mem = int(limits["memory_bytes"])
    cpu = int(limits["cpu_seconds"])
    fsize = int(limits["file_bytes"])
    _limit(resource.RLIMIT_AS, mem, mem)
    _limit(resource.RLIMIT_CPU, cpu, cpu + 1)  # soft: SIGXCPU; hard: SIGKILL a second later
    _limit(resource.RLIMIT_CORE, 0, 0)
    _limit(resource.RLIMIT_FSIZE, fsize, fsize)


class _BlockFinder:
    """A meta-path finder that refuses whole frameworks, however they are imported."""

    def __init__(self, names):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in self.names:
            raise ImportError(BLOCKED_MESSAGE.format(name=top), name=fullname)
        return None

    def find_module(self, fullname, path=None):  # pragma: no cover - legacy protocol
        return None


def _error(kind, message):
    return {"kind": kind, "message": message, "line": None, "source_line": "", "traceback": []}


def _describe(exc, learner_path, memory_mb):
    """A dict the parent turns into a report: message, kind, the learner's line."""
    base = os.path.basename(learner_path)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_path]
    if isinstance(exc, SyntaxError) and exc.filename == learner_path:
        line, text = exc.lineno, (exc.text or "").rstrip("\n")
    elif frames:
        line, text = frames[-1].lineno, frames[-1].line or ""
    else:
        line, text = None, ""
    if isinstance(exc, SystemExit):
        kind = "exit"
        headline = (
            f"your code called sys.exit({exc.code!r}) — return the result instead of exiting"
        )
    elif isinstance(exc, _LearnerExit):
        kind = "exit"
        headline = f"your code called os._exit({exc.code!r}) — return the result instead of exiting"
    elif isinstance(exc, KeyboardInterrupt):
        kind = "exit"
        headline = "your code raised KeyboardInterrupt"
    elif isinstance(exc, MemoryError):
        kind = "memory"
        headline = f"memory limit exceeded ({memory_mb} MiB): MemoryError"
    else:
        kind = "syntax" if isinstance(exc, SyntaxError) else "exception"
        headline = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        headline = headline.splitlines()[-1] if headline else type(exc).__name__
    tb_lines = []
    for f in frames:
        tb_lines.append(f'File "{base}", line {f.lineno}, in {f.name}')
        if f.line:
            tb_lines.append(f"  {f.line.strip()}")
    if isinstance(exc, SyntaxError) and line is not None:
        tb_lines.append(f'File "{base}", line {line}')
        if text:
            tb_lines.append(f"  {text.strip()}")
    return {
        "kind": kind,
        "message": headline,
        "line": line,
        "source_line": text.strip() if text else "",
        "traceback": tb_lines,
    }


class _CappedStream:
    """Stands in for sys.stdout/stderr: writes through until `cap` characters, then only counts,
    so a print flood costs the learner's time limit little and the parent nothing."""

    def __init__(self, inner, cap):
        self._inner, self._cap, self._count = inner, cap, 0

    def write(self, s):
        s = str(s)
        room = self._cap - self._count
        self._count += len(s)
        if room > 0:
            self._inner.write(s[:room])
            if len(s) > room:
                self._inner.write(f"\n... [output truncated at {self._cap // 1024} KiB]\n")
        return len(s)

    def flush(self):
        self._inner.flush()

    def __getattr__(self, name):  # encoding, isatty, fileno, ...
        return getattr(self._inner, name)


def _same(a, b):
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def _to_array(np, item, label):
    if item is None:
        raise _BadOutput(f"{label} is None")
    try:
        arr = np.asarray(item)
    except Exception as e:  # ragged lists and the like
        raise _BadOutput(f"{label} is not an array: {type(e).__name__}: {e}") from None
    if arr.dtype.kind not in "biufc":
        raise _BadOutput(
            f"{label} is not a numeric array (got {type(item).__name__} with dtype {arr.dtype})"
        )
    return arr


def _save_outputs(np, result, case_index, job, jobdir):
    """Save each output with np.save (no pickle); a list output becomes a list of files."""
    names, is_list = job["output_names"], job["list_outputs"]
    n = len(names)
    if result is None:
        raise _BadOutput("your function returned None — did you forget `return`?")
    if n == 1:
        items = [result]
    else:
        if not isinstance(result, (tuple, list)):
            raise _BadOutput(
                f"expected a tuple of {n} values ({', '.join(names)}), got {type(result).__name__}"
            )
        if len(result) != n:
            raise _BadOutput(
                f"expected a tuple of {n} values ({', '.join(names)}), "
                f"got {len(result)} value{'' if len(result) == 1 else 's'}"
            )
        items = list(result)
    saved = []
    for k, item in enumerate(items):
        label = "your function's result" if n == 1 else f"output {names[k]}"
        if is_list[k]:
            if not isinstance(item, (list, tuple)):
                raise _BadOutput(f"{label} should be a list of arrays, got {type(item).__name__}")
            files = []
            for j, sub in enumerate(item):
                name = f"out_{case_index}_{k}_{j}.npy"
                np.save(os.path.join(jobdir, name), _to_array(np, sub, f"{label}[{j}]"),
                        allow_pickle=False)
                files.append(name)
            saved.append(files)
        else:
            name = f"out_{case_index}_{k}.npy"
            np.save(os.path.join(jobdir, name), _to_array(np, item, label), allow_pickle=False)
            saved.append(name)
    return saved


def _mib(n):
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MiB"


def _address_space():
    """Bytes of address space mapped now (VmSize), or None without a /proc."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def _call_within_budget(fn, kwargs, budget, learner_path, memory_mb):
    """Call the learner's function under a case's memory budget: (result, peak bytes, error).

    The peak is measured with tracemalloc. NumPy reports every array buffer it allocates to
    tracemalloc (domain np.lib.tracemalloc_domain, since NumPy 1.13), so the traced peak counts
    the score matrices, the exp temporaries and the output, to the byte and whatever the
    allocator does with freed pages; Python objects are counted too (a few KiB). Blocks that
    existed before the call (the inputs, our copies of them) are not, since tracing starts just
    before it. The other ways considered are coarser: ru_maxrss only grows, so it needs a fresh
    process per case; RSS and VmSize move in pages and arenas, miss an np.zeros that is never
    touched, and a free that glibc keeps for reuse hides the next allocation. tracemalloc costs
    time on every Python allocation (about 2x on a loop of small NumPy calls), so only the
    cases with a budget pay it.

    tracemalloc only measures: it cannot stop an allocation. So that one huge array fails at
    once instead of being filled first, the address-space limit is lowered during the call to
    what is mapped now plus a generous margin over the budget (the verdict is the traced peak;
    the margin only catches what is far over it), and raised back afterwards.

    This is a check for learners, not a wall: code that calls tracemalloc itself can fool it.
    The run's address-space limit still holds whatever the learner does.
    """
    headline = f"the budget for this case is {_mib(budget)}"
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = _address_space()
    guard = None
    if mapped is not None:
        guard = mapped + 4 * budget + 256 * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            guard = min(guard, hard)
        if soft != resource.RLIM_INFINITY and guard >= soft:
            guard = None
    if tracemalloc.is_tracing():  # started by the learner's file: its old traces do not count
        tracemalloc.stop()
    tracemalloc.start(1)
    try:
        if guard is not None:
            resource.setrlimit(resource.RLIMIT_AS, (guard, hard))
        try:
            result = fn(**kwargs)
        except MemoryError as e:
            peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
            err = _describe(e, learner_path, memory_mb)
            asked = str(e).strip() or "MemoryError"  # NumPy: "Unable to allocate 1.00 GiB ..."
            err["message"] = f"memory budget exceeded: {asked}; {headline}"
            err["kind"] = "memory_budget"
            return None, peak, err
        finally:
            if guard is not None:
                resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if not tracemalloc.is_tracing():
            return None, None, _error(
                "memory_budget", f"your code stopped tracemalloc, so its memory could not be "
                                 f"measured; {headline}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if peak > budget:
        return None, peak, _error(
            "memory_budget", f"memory budget exceeded: your code used {_mib(peak)} at its peak, "
                             f"{headline}")
    return result, peak, None


def _read_job(jobdir):
    """Block until the parent sends the job line; None on EOF (the parent discarded us)."""
    data = bytearray()
    while not data.endswith(b"\n"):
        try:
            chunk = os.read(0, 1 << 16)
        except InterruptedError:  # pragma: no cover - PEP 475 retries for us
            continue
        if not chunk:
            return None
        data += chunk
    # the learner gets an empty stdin, as if it had been /dev/null from the start
    fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(fd, 0)
    os.close(fd)
    return json.loads(data)


def _leave_unused(jobdir, real_exit):
    """Discarded before any job: tidy the job directory (nothing of a learner's is in it)."""
    for name in ("fault.txt", "events.jsonl"):
        try:
            os.unlink(os.path.join(jobdir, name))
        except OSError:
            pass
    try:
        os.rmdir(jobdir)
    except OSError:
        pass
    real_exit(0)


def _contain(setup):
    """Enter the sandbox's namespaces (see _contain.py), loaded by path: `python -I` does not
    put this directory on sys.path, and nothing of flashdeck is importable once inside."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_contain.py")
    spec = importlib.util.spec_from_file_location("_flashdeck_contain", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.contain(setup["contain"])


def main():
    jobdir = sys.argv[1]
    setup = json.loads(sys.argv[2])
    isolation = _contain(setup)
    _set_limits(setup["limits"])
    memory_mb = setup["limits"]["memory_bytes"] // (1024 * 1024)
    sys.meta_path.insert(0, _BlockFinder(setup["blocked"]))
    cap = int(setup["limits"]["output_chars"])
    sys.stdout = _CappedStream(sys.stdout, cap)
    sys.stderr = _CappedStream(sys.stderr, cap)

    # A crash, or the parent's SIGUSR1 when time runs out, writes the Python stack to
    # fault.txt: the parent shows the learner's line from it.
    fault_file = open(os.path.join(jobdir, "fault.txt"), "w", encoding="utf-8")
    faulthandler.enable(file=fault_file)
    faulthandler.register(signal.SIGUSR1, file=fault_file)

    events = open(os.path.join(jobdir, "events.jsonl"), "a", encoding="utf-8")

    def emit(obj):
        events.write(json.dumps(obj) + "\n")
        events.flush()

    emit({"event": "isolation", **isolation})

    real_exit = os._exit

    def fake_exit(code=0):
        raise _LearnerExit(code)

    try:
        # order: numpy only now, once contained, limited and with the framework blocker installed
        import numpy as np
    except MemoryError:
        emit({"event": "load_error",
              "error": _error("memory", f"memory limit ({memory_mb} MiB) too small for numpy")})
        return _finish(real_exit)

    job = _read_job(jobdir)
    if job is None:
        return _leave_unused(jobdir, real_exit)
    learner_path = job["learner"]
    function = job["function"]
    os._exit = fake_exit
    module = types.ModuleType("learner")
    module.__file__ = learner_path
    sys.modules["learner"] = module
    try:
        with open(learner_path, encoding="utf-8") as f:
            source = f.read()
        code = compile(source, learner_path, "exec")
        exec(code, module.__dict__)
    except BaseException as e:
        emit({"event": "load_error", "error": _describe(e, learner_path, memory_mb)})
        return _finish(real_exit)
    fn = getattr(module, function, None)
    if not callable(fn):
        defined = sorted(
            k for k, v in vars(module).items()
            if isinstance(v, types.FunctionType) and not k.startswith("_")
        )
        found = f" (it defines: {', '.join(defined)})" if defined else ""
        emit({"event": "load_error", "error": _error(
            "missing", f"your file does not define a function `{function}`{found}")})
        return _finish(real_exit)
    emit({"event": "loaded"})

    inputs = np.load(os.path.join(jobdir, "inputs.npz"), allow_pickle=False)
    for i, case in enumerate(job["cases"]):
        kwargs = {}
        watched = {}  # label -> (array handed to the learner, private copy)
        for name in case["order"]:
            if name in case["arrays"]:
                kwargs[name] = inputs[f"c{i}__{name}"]
                watched[name] = (kwargs[name], kwargs[name].copy())
            elif name in case["lists"]:
                kwargs[name] = [inputs[f"c{i}__{name}__{j}"] for j in range(case["lists"][name])]
                for j, a in enumerate(kwargs[name]):
                    watched[f"{name}[{j}]"] = (a, a.copy())
            else:
                kwargs[name] = case["params"][name]
        budget = case.get("memory_bytes")
        emit({"event": "start", "case": i})
        try:
            if budget:
                result, peak, err = _call_within_budget(fn, kwargs, budget, learner_path,
                                                        memory_mb)
            else:
                result, peak, err = fn(**kwargs), None, None
        except BaseException as e:
            emit({"event": "case", "case": i, "status": "error",
                  "error": _describe(e, learner_path, memory_mb)})
            continue
        if err is not None:
            emit({"event": "case", "case": i, "status": "error", "error": err,
                  "peak_bytes": peak})
            continue
        mutated = [label for label, (a, orig) in watched.items() if not _same(a, orig)]
        try:
            files = _save_outputs(np, result, i, job, jobdir)
        except BaseException as e:
            err = (_error("output", str(e)) if isinstance(e, _BadOutput)
                   else _describe(e, learner_path, memory_mb))
            emit({"event": "case", "case": i, "status": "error", "error": err,
                  "mutated": mutated})
            continue
        emit({"event": "case", "case": i, "status": "ok", "outputs": files, "mutated": mutated,
              "peak_bytes": peak})
    emit({"event": "done"})
    return _finish(real_exit)


def _finish(real_exit):
    # Leave at once: the learner's atexit handlers and finalisers do not get a say.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    real_exit(0)


if __name__ == "__main__":
    main()
