"""Importing a drill's own Python files (cases.py, reference.py, wrong/*.py) by path, cached
while the file is unchanged. They are flashdeck's trusted code, run in the judge's process;
the learner's file never comes here (it runs in the sandbox)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_modules: dict[tuple[str, float], ModuleType] = {}


def load(path: Path, name: str) -> ModuleType:
    """The module at `path`, registered in sys.modules as `name`."""
    key = (str(path), path.stat().st_mtime)
    module = _modules.get(key)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        _modules[key] = module
    return module
