"""LibreOffice Calc for the tests that edit a workbook as a person would (the `calc` fixture):
one lo_edit.py, started once a session, serves every edit (its start cost more than the edits)."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import soffice_profile
from tests.needs import missing

HERE = Path(__file__).parent


@functools.cache
def _uno_python() -> str | None:
    """A python3 with the UNO bridge (Debian's python3-uno goes with /usr/bin/python3)."""
    if shutil.which("soffice") is None:
        return None
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    return None


class Calc:
    """LibreOffice Calc driven by lo_edit.py, started once for the session (once per xdist
    worker; the modules that use it are one xdist group, so once)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.proc: subprocess.Popen | None = None

    def _server(self) -> subprocess.Popen:
        if self.proc is None:
            python = _uno_python()
            if python is None:
                missing(
                    "LibreOffice (soffice) with python3-uno is not installed and could not be installed here "
                    "(.ci/run tries `apt-get install libreoffice-calc-nogui python3-uno`)"
                )
            profile = self.folder / "lo-profile"
            soffice_profile(profile)  # a copy of this worker's ready profile (an empty one starts 3 times slower)
            self.proc = subprocess.Popen(
                [str(python), str(HERE / "lo_edit.py"), str(profile)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        return self.proc

    def __call__(self, src: Path, steps: list[dict], tmp_path: Path, kind: str = "xlsx") -> Path:
        """`src` opened in Calc, edited by `steps` (see lo_edit.py) and saved as `kind`."""
        out = tmp_path / "calc" / f"{src.stem}.{kind}"
        out.parent.mkdir(exist_ok=True)
        proc = self._server()
        assert proc.stdin is not None and proc.stdout is not None
        job = {"source": str(src), "target": str(out), "format": kind, "steps": steps}
        proc.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        answer = proc.stdout.readline()
        assert answer, f"lo_edit.py ended (exit {proc.poll()})"
        assert json.loads(answer) == {"ok": True} and out.is_file(), answer
        return out

    def close(self) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="session")
def calc(tmp_path_factory):
    office = Calc(tmp_path_factory.mktemp("calc"))
    yield office
    office.close()
