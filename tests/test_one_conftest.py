"""tests/conftest.py is one module: a test that imports `from tests.conftest import …` gets the very
objects pytest's fixtures use (NetworkUsed raised by no_network is the class a test catches), not a
second copy loaded under the name `conftest`."""

from __future__ import annotations

import sys
from pathlib import Path

import tests.conftest

HERE = Path(__file__).resolve().parent


def test_every_conftest_of_the_suite_is_loaded_under_one_name():
    loaded: dict[Path, list[str]] = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and Path(file).name == "conftest.py" and HERE in Path(file).resolve().parents:
            loaded.setdefault(Path(file).resolve(), []).append(name)
    assert loaded[HERE / "conftest.py"] == ["tests.conftest"]
    assert all(len(names) == 1 for names in loaded.values()), loaded
    assert sys.modules["tests.conftest"] is tests.conftest
