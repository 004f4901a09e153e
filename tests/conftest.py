"""Shared fixtures. Tests never touch the network and never write outside tmp_path (but for the
compiled-code caches, __pycache__ and .pytest_cache, which git ignores)."""

from __future__ import annotations

import fcntl
import functools
import gc
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer.main
import typer.testing

# pytest caches each test module's assertion-rewritten code beside it (__pycache__, ignored by
# git) unless bytecode writing is off: where PYTHONDONTWRITEBYTECODE is set, every worker
# rewrote all 200 test modules at every run, 8 s of each worker's start. Only the cache of
# compiled code is written; no test reads or depends on it.
sys.dont_write_bytecode = False

# typer's CliRunner builds the click command from the Typer app at every invoke (typer.testing
# calls typer.main.get_command: reading the type hints of ~40 commands, a third of an in-process
# command's time). The tool builds it once per process, and so do the tests: the same command
# either way (typer reads the functions registered at import; click keeps no state between
# calls). An assertion, not a silent no-op, if typer stops calling it by that name.
assert callable(getattr(typer.testing, "_get_command", None)), "typer.testing no longer has _get_command"
typer.testing._get_command = functools.cache(typer.main.get_command)  # type: ignore[attr-defined]

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "yufubanfa-2021-50.txt"
PRISTINE = ROOT / "data" / "tasks.sqlite"


class NetworkUsed(RuntimeError):
    pass


# The slowest modules (a browser, LibreOffice, an offline bundle, the benchmark harness, many
# app starts) are handed out first: started last, one of them keeps one worker busy while the
# other has nothing left to run. Only the order changes; every test runs.
EARLY = (
    "tests/test_offline_bundle.py",
    "tests/test_benchmarks_quick.py",
    "tests/web/",
    "tests/workbook/test_libreoffice",
    "tests/workbook/test_print_pdf.py",
    "tests/app/test_markup_",
    "tests/test_parser_properties.py",
    "tests/test_layout_properties.py",
    "tests/test_code_checks.py",
    "tests/safety/test_hostile_input.py",
    "tests/source/test_office_formats.py",
    "tests/issued/",
)


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): on a small machine twice as many workers as cores. The
    tests wait on LibreOffice, Chromium, pip and the app's own subprocesses about half the time;
    two workers on two cores left a core idle for minutes. From four cores, one a core."""
    cores = os.cpu_count() or 1
    return cores if cores >= 4 else 2 * cores


def pytest_collection_modifyitems(config, items):
    @functools.cache
    def rank_of(fspath: str) -> int:
        path = Path(fspath).resolve().relative_to(ROOT).as_posix()
        return next((i for i, start in enumerate(EARLY) if path.startswith(start)), len(EARLY))

    items.sort(key=lambda item: rank_of(str(item.fspath)))  # stable: within a rank, the order collected


def pytest_collection_finish(session):
    """The garbage collector of a test process: what is loaded once collected (modules, the
    test functions and their parameters) is frozen out of its passes, and young objects are
    collected less often. Its passes over that heap took 14 % of a worker's CPU in a sample of
    app, workbook and reader tests (4.7 s of 34 s; 1.9 to 2.5 s after). Only speed changes: Python
    still frees every object, and no test measures memory in its own process (benchmarks/
    runs in processes of its own)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket other than a local socketpair fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkUsed("tests must not use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def isolate(monkeypatch, folder: Path) -> None:
    """The environment of `isolated_env`, under `folder`."""
    monkeypatch.setenv("GONGKAI_DB", str(folder / "env-default.sqlite"))
    monkeypatch.setenv("HOME", str(folder / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg"))


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    """No test may fall back to the user's real data directory."""
    isolate(monkeypatch, tmp_path)


@pytest.fixture(scope="session", autouse=True)
def pristine_untouched():
    """No test may write to the committed database (tests work on copies)."""
    import hashlib

    before = hashlib.sha256(PRISTINE.read_bytes()).hexdigest()
    yield
    assert hashlib.sha256(PRISTINE.read_bytes()).hexdigest() == before, "a test wrote to data/tasks.sqlite"
    for suffix in ("-wal", "-shm", "-journal"):
        assert not PRISTINE.with_name(PRISTINE.name + suffix).exists(), "a test opened data/tasks.sqlite for writing"


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def work_db(tmp_path) -> Path:
    """A private working copy of the pristine database."""
    path = tmp_path / "work.sqlite"
    shutil.copyfile(PRISTINE, path)
    return path


# 渝中区 hands two of its items down (issue #25): the roll-up tests of the store, the CLI, the
# issued notices and the app all start from these assignments and 区发展改革委's one report.
ROLLUP_UNIT, ROLLUP_PLAN, ROLLUP_LAWS = "渝中区", "1.1.3-1", "3.1.1-1"  # LAWS is due 2021-06-30


def save_report(store, sub_unit: str, reports: list[dict], exported_at: str = "2021-07-02T09:00:00") -> None:
    """`sub_unit`'s report to 渝中区 as an import stores it (each: item_id, status, and
    optionally step, done_date, narrative, evidence)."""
    rows = [{"step": 0, "done_date": None, "narrative": None, "evidence": [], **r} for r in reports]
    store.save_sub_reports(ROLLUP_UNIT, sub_unit, rows, f"{sub_unit}.xlsx", "0" * 64, exported_at, "db", 3)


@pytest.fixture
def assigned(work_db) -> Path:
    """PLAN and LAWS assigned to 区发展改革委 (牵头), PLAN to 区财政局 and 解放碑街道 (责任, with a
    具体要求); 区发展改革委 reported PLAN 已完成 on 2021-07-01 with a link, LAWS 推进中; the
    other two have not reported."""
    from tui.store import Store

    with Store(work_db) as store:
        store.assign(ROLLUP_UNIT, [ROLLUP_PLAN, ROLLUP_LAWS], ["区发展改革委"], "牵头")
        store.assign(ROLLUP_UNIT, [ROLLUP_PLAN], ["区财政局", "解放碑街道"], "责任", "每季度报送进展")
        save_report(
            store,
            "区发展改革委",
            [
                {
                    "item_id": ROLLUP_PLAN,
                    "status": "已完成",
                    "done_date": "2021-07-01",
                    "narrative": "已在区政府网站公开规划全文及图解",
                    "evidence": ["https://www.cqyz.gov.cn/gh.html"],
                },
                {"item_id": ROLLUP_LAWS, "status": "推进中"},
            ],
        )
    return work_db


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """Databases many tests start from, built once per session and copied into each test's own
    file: building one (loading a document, a day's ticks through the CLI) took seconds, and 40
    tests each built the same one. Under xdist the workers share what is built (the session's
    common temporary folder, a lock per database): the synthetic one took 3 s in each worker.

    `built_once("two_docs", fill, into=work_db)`: the first call copies the pristine database,
    lets `fill(path)` write to it in an environment like a test's (isolated_env, its own
    settings file), and keeps it; every call copies the kept file to `into` and returns `into`.
    """
    base = tmp_path_factory.getbasetemp()
    # a worker's base is <session>/popen-gwN: the session's folder is its parent (never the
    # parent of a run without workers, which holds earlier sessions' folders)
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-once"
    folder.mkdir(exist_ok=True)

    def copy(name: str, fill, into: Path) -> Path:
        built = folder / f"{name}.sqlite"
        with open(folder / f"{name}.lock", "wb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the holder ends, even by a crash
            if not built.exists():
                staging = Path(tempfile.mkdtemp(prefix=f"{name}-building-", dir=folder)) / "work.sqlite"
                shutil.copyfile(PRISTINE, staging)
                with pytest.MonkeyPatch.context() as monkeypatch:
                    isolate(monkeypatch, staging.parent)
                    monkeypatch.setenv("GONGKAI_SETTINGS", str(staging.parent / "settings.json"))
                    fill(staging)
                for suffix in ("-wal", "-shm", "-journal"):  # every connection closed: the file is whole
                    assert not staging.with_name(staging.name + suffix).exists(), f"{name}: {suffix} left open"
                os.replace(staging, built)
        shutil.copyfile(built, into)
        return into

    return copy


_BASETEMP: list[Path] = []  # this pytest process's base temporary folder (one per xdist worker)


@pytest.fixture(scope="session", autouse=True)
def _note_basetemp(tmp_path_factory):
    _BASETEMP[:] = [tmp_path_factory.getbasetemp()]


def soffice_profile(profile: Path) -> str:
    """`-env:UserInstallation=…` for a private LibreOffice profile at `profile`: a copy of one this
    pytest process (each xdist worker its own) set up once. LibreOffice's first start in an empty
    profile took three times as long as a start in a ready one (30 s and 10 s on a loaded
    machine). Every caller gets its own copy: two soffice never share a profile. Where the ready
    profile cannot be made, `profile` starts empty as before."""
    template = _BASETEMP[0] / "soffice-profile"
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program and not template.exists():
        making = _BASETEMP[0] / "soffice-profile-making"
        shutil.rmtree(making, ignore_errors=True)
        making.mkdir()
        (making / "probe.csv").write_text("a,1\n", encoding="utf-8")
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={(making / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "xlsx",
                    "--outdir",
                    str(making / "out"),
                    str(making / "probe.csv"),
                ],
                capture_output=True,
                timeout=300,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "HOME": str(making / "home")},
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            pass
        if (making / "out" / "probe.xlsx").is_file() and (making / "profile").is_dir():
            (making / "profile").rename(template)
    if template.is_dir() and not profile.exists():
        shutil.copytree(template, profile, ignore=shutil.ignore_patterns(".lock"))
    return f"-env:UserInstallation={profile.as_uri()}"
