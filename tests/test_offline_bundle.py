"""The offline bundle of scripts/make-offline-bundle: built for this platform, unzipped,
installed into a fresh venv with `pip install --no-index` and run; and built for Windows
from here.

Only building reaches the network (pip fetching wheels from PyPI), in a subprocess: the
no_network fixture guards this process only. Installing and running the bundle happen with
pip's configuration files ignored, every proxy variable pointing at a closed port and, where
`unshare -n` works (as root on CI), inside a network namespace that has no network at all.
Everything is written under pytest's temporary directories.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui import __version__

# under xdist (addopts), one worker runs this module: its module-scoped fixture is built once
pytestmark = pytest.mark.xdist_group("offline_bundle")

SCRIPT = ROOT / "scripts" / "make-offline-bundle"
DOC_NUMBER = "渝府办发〔2021〕50号"
BUNDLE = f"gongkai-tui-offline-{__version__}"
INSTRUCTIONS = "使用说明.txt"
LAUNCHER = "打开任务清单.bat"
CHECKED_PYTHON = "3.11"  # the Windows bundle's Python, and its win_amd64 check's (--windows-python)


def load_script():
    """The script as a module, for its helpers (it has no .py suffix)."""
    loader = importlib.machinery.SourceFileLoader("make_offline_bundle", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module
    loader.exec_module(module)
    return module


mob = load_script()


def build(out: Path, *args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    """Run the bundle script into `out`. `cache`: pip's cache, shared by the module's builds (the
    wheels both platforms use are fetched once); the build's own when not given."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PIP_CACHE_DIR": str(cache or out / ".pip-cache")}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=900,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc


def _pip_cache(tmp_path_factory) -> Path:
    path = tmp_path_factory.getbasetemp() / "offline-bundle-pip-cache"
    path.mkdir(exist_ok=True)
    return path


@dataclass
class Built:
    folder: Path
    zip: Path
    log: str


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    # No win_amd64 check here: each version is a full pip resolution (12 s of CPU); the Windows
    # bundle below is checked with its own download (test_windows_bundle_built_from_here).
    proc = build(out, "--skip-windows-check", cache=_pip_cache(tmp_path_factory))
    return Built(out / BUNDLE, out / f"{BUNDLE}.zip", proc.stdout + proc.stderr)


# -- offline execution ----------------------------------------------------------------------------


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


OFFLINE_PREFIX = ["unshare", "-n"] if _unshare_works() else []


def offline_env(home: Path) -> dict[str, str]:
    """A bare environment: no pip configuration, proxies that lead nowhere, a private home."""
    dead = "http://127.0.0.1:9"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHON": sys.executable,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "GONGKAI_DB": str(home / "never-used.sqlite"),
    }
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[var] = dead
    return env


def offline(cmd: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*OFFLINE_PREFIX, *map(str, cmd)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=600,
    )


def unzip(archive: Path, dest: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(dest)
    return dest / BUNDLE


# -- the tests ----------------------------------------------------------------------------------


def test_bundle_holds_every_wheel_both_install_scripts_and_a_matching_zip(bundle):
    folder = bundle.folder
    assert folder.is_dir() and bundle.zip.is_file(), bundle.log[-3000:]
    assert {p.name for p in folder.iterdir()} == {
        "wheels",
        "install.sh",
        "install.bat",
        LAUNCHER,
        INSTRUCTIONS,
        "README.md",
    }

    wheels = sorted((folder / "wheels").glob("*.whl"))
    project = folder / "wheels" / f"gongkai_tui-{__version__}-py3-none-any.whl"
    assert project in wheels
    with zipfile.ZipFile(project) as z:
        names = set(z.namelist())
    assert {
        "tui/_data/tasks.sqlite",
        "tui/_data/source/yufubanfa-2021-50.txt",
        "tui/cli/__init__.py",
        "tui/app/gongkai.tcss",
    } <= names
    # every requirement of the project, down the whole tree, has its wheel here
    req = mob.Requirement(f"gongkai-tui[web]=={__version__}")  # the web extra's wheels too
    assert mob.unmet_requirements([req], folder / "wheels", mob.Target().marker_environment()) == []
    assert any(mob.dist_name(w) == "textual-serve" for w in wheels)
    assert len(wheels) > 10

    sh = (folder / "install.sh").read_text(encoding="utf-8")
    assert sh.startswith("#!/bin/sh\n")
    assert (folder / "install.sh").stat().st_mode & stat.S_IXUSR
    assert "--no-index --find-links" in sh and "-m venv" in sh and f"gongkai-tui[web]=={__version__}" in sh
    bat = (folder / "install.bat").read_bytes()
    assert bat.isascii(), "cmd.exe reads a batch file in the console's code page"
    assert bat.count(b"\r\n") == bat.count(b"\n") > 20
    text = bat.decode("ascii")
    assert "--no-index --find-links" in text and "-m venv" in text and f"gongkai-tui[web]=={__version__}" in text
    assert_launcher((folder / LAUNCHER).read_bytes())

    with zipfile.ZipFile(bundle.zip) as z:
        infos = {i.filename.rstrip("/"): i for i in z.infolist()}
    on_disk = {BUNDLE} | {f"{BUNDLE}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*")}
    assert set(infos) == on_disk
    assert (infos[f"{BUNDLE}/install.sh"].external_attr >> 16) & stat.S_IXUSR  # `unzip` keeps it executable
    assert infos[f"{BUNDLE}/{INSTRUCTIONS}"].flag_bits & 0x800  # the Chinese name is marked UTF-8

    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert DOC_NUMBER in readme and __version__ in readme
    for wheel in wheels:
        assert wheel.name in readme
    assert "跳过了该检查(--skip-windows-check)" in readme


def test_instructions_cover_install_first_run_data_backup_and_export(bundle):
    raw = (bundle.folder / INSTRUCTIONS).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Notepad needs the BOM to read UTF-8"
    text = raw.decode("utf-8-sig")
    assert text.count("\r\n") == text.count("\n") > 50, "CRLF: old Notepad shows LF-only text as one line"
    text = text.replace("\r\n", "\n")
    sections = re.findall(r"^[一二三四五六七八九]、(.+)$", text, re.M)
    for heading in ("安装", "第一次运行", "数据放在哪里", "备份", "导出"):
        assert heading in sections, (heading, sections)
    for fact in (
        __version__,
        DOC_NUMBER,
        "install.bat",
        "sh install.sh",
        "不联网",  # install
        "--unit 渝中区",
        "第一次运行时",  # first run
        r"%LOCALAPPDATA%\gongkai-tui\tasks.sqlite",
        "~/.local/share/gongkai-tui/tasks.sqlite",
        "GONGKAI_DB",  # data
        "tasks.sqlite 复制到",
        "tasks.sqlite-wal",
        "恢复",  # backup
        "export --unit",
        ".xlsx",  # export
    ):
        assert fact in text, fact


def test_bundle_installs_with_no_index_and_runs_offline(bundle, tmp_path):
    folder = unzip(bundle.zip, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    env = offline_env(home)

    # install exactly as a user would: `sh install.sh` in the unpacked folder, default venv
    proc = offline(["sh", folder / "install.sh"], env, cwd=folder)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "Successfully installed" in proc.stdout and f"gongkai-tui-{__version__}" in proc.stdout
    venv = folder / "venv"
    exe = venv / "bin" / "gongkai-tui"
    assert exe.is_file()
    located = offline([venv / "bin" / "python", "-c", "import tui; print(tui.__file__)"], env, cwd=tmp_path)
    assert Path(located.stdout.strip()).is_relative_to(venv), located.stdout  # the installed copy, not the checkout

    # --version, through the launcher install.sh wrote next to it and directly
    for command in (folder / "gongkai-tui", exe):
        proc = offline([command, "--version"], env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert __version__ in proc.stdout and DOC_NUMBER in proc.stdout

    # list against a temporary default database, created from the copy inside the installed wheel
    # (a path given with --db must exist: only the default place is created on first use)
    db = tmp_path / "work" / "tasks.sqlite"
    db.parent.mkdir()
    proc = offline(
        [exe, "list", "--unit", "各区县政府", "--as-of", "2021-06-01"], {**env, "GONGKAI_DB": str(db)}, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"各区县政府 · {DOC_NUMBER} · 截至 2021-06-01"), proc.stdout[:300]
    assert len(proc.stdout.splitlines()) > 10
    assert db.is_file() and str(db) in proc.stderr
    assert not (home / "never-used.sqlite").exists()

    # export, once the command exists (it is being written): `--help` decides, `export --help` agrees
    proc = offline([exe, "--help"], env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    commands = set(re.findall(r"^[│|\s]*([a-z][a-z-]*)\s", proc.stdout, re.M))
    assert {"list", "units", "done", "web"} <= commands, proc.stdout  # the listing is where we look
    served = offline([venv / "bin" / "python", "-c", "import textual_serve"], env, cwd=tmp_path)
    assert served.returncode == 0, served.stderr  # the web extra was installed from wheels/
    has_export = "export" in commands
    # every command the instructions teach is one the installed program has (export: see below)
    taught = set(
        re.findall(r"gongkai-tui(?:\.bat)? ([a-z][a-z-]*)", (folder / INSTRUCTIONS).read_text(encoding="utf-8"))
    )
    assert taught and taught - {"export"} <= commands, (taught, commands)
    probe = offline([exe, "export", "--help"], env, cwd=tmp_path)
    assert (probe.returncode == 0) is has_export, (has_export, probe.returncode, proc.stdout)
    if has_export:
        out = tmp_path / "x.xlsx"
        proc = offline([exe, "export", "--unit", "渝中区", "--db", db, "-o", out], env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert out.is_file() and zipfile.is_zipfile(out)
        with zipfile.ZipFile(out) as z:
            assert "xl/workbook.xml" in z.namelist()


def test_windows_bundle_built_from_here(tmp_path, tmp_path_factory):
    """--platform win_amd64 --python-version 3.11: Windows wheels only, with the Windows-only deps;
    the win_amd64 check of 3.11 read from that download (no second pip resolution)."""
    build(
        tmp_path,
        "--platform",
        "win_amd64",
        "--python-version",
        CHECKED_PYTHON,
        "--windows-python",
        CHECKED_PYTHON,
        cache=_pip_cache(tmp_path_factory),
    )
    name = f"{BUNDLE}-win_amd64-py3.11"
    folder = tmp_path / name
    # the win_amd64 check of its Python is the bundle's own download: every dependency has a wheel
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| {re.escape(CHECKED_PYTHON)} \| 通过:", readme, re.M), readme[-3000:]
    assert "未通过" not in readme
    assert (tmp_path / f"{name}.zip").is_file()
    wheels = sorted((folder / "wheels").glob("*.whl"))
    assert wheels
    for wheel in wheels:
        _, _, _, tags = mob.parse_wheel_filename(wheel.name)
        assert any(
            t.interpreter in ("py3", "py311", "cp311")
            and t.abi in ("none", "abi3", "cp311")
            and t.platform in ("any", "win_amd64")
            for t in tags
        ), wheel.name
    windows = mob.Target("win_amd64", "3.11")
    req = mob.Requirement(f"gongkai-tui[web]=={__version__}")
    assert mob.unmet_requirements([req], folder / "wheels", windows.marker_environment()) == []
    assert_launcher((folder / LAUNCHER).read_bytes())

    bat = (folder / "install.bat").read_text(encoding="utf-8")
    assert "py -3.11" in bat and "(3, 11)" in bat
    # the Linux script of a Windows bundle refuses to run rather than fail half way
    proc = subprocess.run(
        ["sh", str(folder / "install.sh")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=offline_env(tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 1 and "不能在这台机器上安装" in proc.stderr
    assert not (folder / "venv").exists()


# -- the Windows launcher, offline --------------------------------------------------------------


def assert_launcher(raw: bytes) -> str:
    """打开任务清单.bat: ASCII (cmd.exe reads batch files in the console's code page), CRLF lines,
    a fixed working directory, `gongkai-tui web` from the bundle's venv."""
    assert raw.isascii(), "cmd.exe reads a batch file in the console's code page"
    assert raw.count(b"\r\n") == raw.count(b"\n") > 10 and b"\r\r" not in raw
    text = raw.decode("ascii")
    lines = text.split("\r\n")
    assert lines[0] == "@echo off"
    assert 'cd /d "%~dp0"' in lines  # the bundle's folder, wherever the shortcut starts it
    assert r'set "EXE=%~dp0venv\Scripts\gongkai-tui.exe"' in lines
    assert '"%EXE%" web --unit "%UNIT%"' in lines and '"%EXE%" web %*' in lines
    assert 'if not exist "%EXE%" goto :notinstalled' in lines and "pause" in lines
    return text


def test_launcher_content():
    assert_launcher(mob.launcher_bat({"VERSION": __version__}).replace("\n", "\r\n").encode("ascii"))
    project = mob.Project(
        wheel=Path("x.whl"),
        name="gongkai-tui",
        version=__version__,
        requires_python=mob.SpecifierSet(">=3.11"),
        requires=[
            mob.Requirement("textual>=0.80"),
            mob.Requirement('textual-serve>=1.1; extra == "web"'),
            mob.Requirement('pytest>=8; extra == "test"'),
            mob.Requirement('colorama; platform_system == "Windows"'),
        ],
    )
    assert [str(r) for r in mob.extra_requirements(project)] == ["textual-serve>=1.1"]
    with pytest.raises(mob.BundleError):  # a placeholder left unfilled
        mob.launcher_bat({})


# -- the marker walk, offline, on wheels made here ------------------------------------------------


def fake_wheel(folder: Path, name: str, version: str, requires: list[str]) -> None:
    dist = f"{name}-{version}"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as z:
        z.writestr(f"{dist}.dist-info/METADATA", meta)


def test_requirements_are_walked_with_the_targets_markers(tmp_path):
    fake_wheel(
        tmp_path,
        "app",
        "1.0",
        [
            'winonly; platform_system == "Windows"',
            "dep[extra1]>=1",
            'testonly; extra == "test"',
            'old; python_version < "3.12"',
        ],
    )
    fake_wheel(tmp_path, "dep", "1.5", ['viaextra; extra == "extra1"', 'notrequested; extra == "other"'])
    fake_wheel(tmp_path, "viaextra", "2.0", [])
    fake_wheel(tmp_path, "old", "1.0", [])
    roots = [mob.Requirement("app")]

    def unmet(target):
        return sorted(r.name for r in mob.unmet_requirements(roots, tmp_path, target.marker_environment()))

    assert unmet(mob.Target("manylinux2014_x86_64", "3.11")) == []
    assert unmet(mob.Target("win_amd64", "3.11")) == ["winonly"]
    assert unmet(mob.Target("manylinux2014_x86_64", "3.12")) == []  # `old` is not needed there
    (tmp_path / "viaextra-2.0-py3-none-any.whl").unlink()
    assert unmet(mob.Target("macosx_11_0_arm64", "3.13")) == ["viaextra"]
    assert [mob.plain(r) for r in mob.unmet_requirements([mob.Requirement("dep[extra1]>=2")], tmp_path, {})] == [
        "dep[extra1]>=2"
    ]  # dep 1.5 is there, but too old


def test_target_marker_environments():
    win = mob.Target("win_amd64", "3.12").marker_environment()
    assert (win["sys_platform"], win["platform_system"], win["os_name"], win["platform_machine"]) == (
        "win32",
        "Windows",
        "nt",
        "AMD64",
    )
    assert win["python_version"] == "3.12" and win["implementation_name"] == "cpython"
    arm = mob.Target("manylinux_2_28_aarch64", None).marker_environment()
    assert (arm["sys_platform"], arm["platform_machine"]) == ("linux", "aarch64")
    assert mob.Target().pip_args() == []
    assert mob.Target("win_amd64", "3.11").pip_args() == [
        "--platform",
        "win_amd64",
        "--python-version",
        "3.11",
        "--implementation",
        "cp",
    ]
    assert mob.normalize_python_version("312") == "3.12"


def test_the_windows_check_covers_every_supported_python_unless_told_one(monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(
        mob, "make_bundle", lambda target, out, windows_check, windows_pythons: asked.append(windows_pythons)
    )
    assert mob.main(["--out", str(tmp_path)]) == 0
    assert mob.main(["--out", str(tmp_path), "--windows-python", "3.12", "--windows-python", "3.13"]) == 0
    assert asked == [mob.WINDOWS_PYTHONS, ("3.12", "3.13")]
    assert len(mob.WINDOWS_PYTHONS) >= 4


def test_a_dependency_only_the_targets_markers_need_is_fetched_alone_pinned_to_the_rest(monkeypatch, tmp_path):
    """pip cross-downloading evaluates markers on this machine and leaves out Windows-only deps; the
    round that fetches them asks for those alone, with what is already there as constraints (not
    a second resolution of everything)."""
    asked: list[tuple[list[str], str]] = []

    def fake_pip(cmd, quiet):
        names = cmd[cmd.index("--dest") + 2 + len(mob.Target("win_amd64", "3.11").pip_args()) :]
        pins = ""
        if "--constraint" in cmd:
            pins = Path(cmd[cmd.index("--constraint") + 1]).read_text(encoding="utf-8")
            names = names[: names.index("--constraint")]
        asked.append((names, pins))
        if len(asked) == 1:  # what pip fetches on Linux: the Windows-only dep missed
            fake_wheel(tmp_path, "app", "1.0", ['winonly; platform_system == "Windows"', "dep>=1"])
            fake_wheel(tmp_path, "dep", "1.5", [])
        else:
            fake_wheel(tmp_path, "winonly", "2.0", [])
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(mob, "run", fake_pip)
    wheels = mob.download_closure([mob.Requirement("app")], tmp_path, mob.Target("win_amd64", "3.11"), quiet=True)
    assert [w.name.split("-")[0] for w in wheels] == ["app", "dep", "winonly"]
    assert asked == [(["app"], ""), (["winonly"], "app==1.0\ndep==1.5\n")]
