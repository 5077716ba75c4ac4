"""The warm judge: ``python -m flashdeck.drills._server``, driven by service.WarmJudge.

Imports torch once, answers {"ready": true, ...}, then serves one JSON request per line on
stdin with one JSON response per line on its original stdout. Its fd 1 is pointed at stderr
first, so a stray print (ours, torch's) can never corrupt the protocol. EOF on stdin ends it.
"""

# Lazy imports: about order. Everything beyond the standard library (numpy, torch, and the
# flashdeck.drills modules: the judge, the sandbox pool, the limits, the catalogue) is imported
# inside main() only after fd 1 points at stderr, so nothing printed at import time can corrupt
# the protocol, and torch only after the first spare sandbox is starting; _serve() names what it
# uses again, already loaded by then.

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import traceback
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=None)
    # the limits the client will ask for: the first spare sandbox starts with them
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--memory-mb", type=int, default=None)
    args = parser.parse_args(argv)

    # SIGTERM (WarmJudge.close) unwinds a check in flight: the sandbox is killed, its files go
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(obj: dict) -> None:
        proto.write(json.dumps(obj) + "\n")
        proto.flush()

    import numpy as np

    from flashdeck.drills import judge
    from flashdeck.drills.sandbox_limits import Limits
    from flashdeck.drills.sandbox_process import SparePool

    # one sandbox process started ahead of each check (Python up, NumPy imported, limits set);
    # the first one starts up while torch is imported
    pool = SparePool()
    try:
        if args.time_limit is not None and args.memory_mb is not None:
            pool.refill(Limits(time_limit=args.time_limit, memory_mb=args.memory_mb))
        try:
            import torch
        except ImportError:
            print(judge.TORCH_HINT, file=sys.stderr)
            return 3
        # warm up the ops and autograd once, so the first real check pays no lazy start-up
        x = torch.from_numpy(np.ones((2, 3))).requires_grad_()
        torch.softmax(x, dim=-1).sum().backward()
        send({"ready": True, "pid": os.getpid(), "torch": torch.__version__})
        return _serve(args, send, pool)
    finally:
        pool.close()


def _serve(args: argparse.Namespace, send, pool) -> int:
    from flashdeck.drills import judge
    from flashdeck.drills.catalog import DrillNotFound, drills_root, get_drill
    from flashdeck.drills.sandbox_limits import Limits

    drills: dict[str, tuple[tuple[int, int], object]] = {}

    def drill_for(drill_id: str):
        """get_drill, without re-reading meta.yaml while it is unchanged."""
        try:
            st = (drills_root(args.root) / drill_id / "meta.yaml").stat()
            key = (st.st_mtime_ns, st.st_size)
        except (OSError, ValueError):
            return get_drill(drill_id, args.root)  # raises DrillNotFound as it should
        hit = drills.get(drill_id)
        if hit is None or hit[0] != key:
            hit = drills[drill_id] = (key, get_drill(drill_id, args.root))
        return hit[1]

    for line in sys.stdin:
        if not line.strip():
            continue
        req_id = None
        try:
            req = json.loads(line)
            req_id = req.get("id")
            if req.get("op") == "ping":
                send({"id": req_id, "ok": True})
                continue
            drill = drill_for(req["drill_id"])
            result = judge.check_source(
                drill,
                req["source"],
                filename=req.get("filename") or "attempt.py",
                display_path=req.get("display_path"),
                seed=req.get("seed"),
                limits=Limits(time_limit=req["time_limit"], memory_mb=req["memory_mb"]),
                pool=pool,
            )
            send({"id": req_id, "ok": True, "result": result.to_dict()})
        except DrillNotFound as e:
            send({"id": req_id, "ok": False, "error": str(e)})
        except Exception as e:  # a bug on our side: report it, keep serving
            send({"id": req_id, "ok": False, "error": f"{type(e).__name__}: {e}",
                  "traceback": traceback.format_exc()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
