"""Windows readiness, as far as it can be checked on Linux.

- A GBK console: the console script run with PYTHONIOENCODING=gbk (what Chinese Windows
  uses for output redirected to a file or a pipe) exits normally, with no UnicodeEncodeError
  and no traceback, even when the output holds characters GBK lacks.
- No module under tui/ imports a POSIX-only module or calls a POSIX-only function except
  behind a platform check; paths go through pathlib (no os.path); every text file and text
  subprocess names its encoding (Chinese Windows defaults to GBK).
- tui.filenames.safe_filename gives names Windows accepts, and export file names of every
  unit are already such names.
"""

from __future__ import annotations

import ast
import codecs
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PRISTINE, ROOT
from tui.console import tolerate_unencodable_output
from tui.filenames import FALLBACK, is_reserved, safe_filename

TUI = ROOT / "tui"
NOT_IN_GBK = "\u00a0\u2002\u2713\U0001f600"  # no-break space, en space (both in the source text), ✓, 😀
NOTE = f"备注:“甲”{NOT_IN_GBK[0]}乙{NOT_IN_GBK[1]}丙 ○ {NOT_IN_GBK[2]} {NOT_IN_GBK[3]} 完"


# -- a GBK console ---------------------------------------------------------------------------


def gbk_run(tmp_path: Path, *args: str, encoding: str = "gbk") -> tuple[int, str, str]:
    """The console script (tui.launch:run, as installed) with GBK stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING", "LC_ALL", "LANG")}
    env.update(PYTHONIOENCODING=encoding, PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]))
    code = "import sys; sys.argv[0] = 'gongkai-tui'; from tui.launch import run; run()"
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)  # strict: the bytes really are GBK
    for text in (out, err):
        assert "Traceback" not in text and "UnicodeEncodeError" not in text, text[-2000:]
    return proc.returncode, out, err


def test_gbk_console_list_units_errors_and_json_with_unencodable_characters(tmp_path):
    db = tmp_path / "env-default.sqlite"  # $GONGKAI_DB (conftest): created on first use, unlike a --db path

    code, out, err = gbk_run(tmp_path, "list", "--unit", "各区县政府", "--as-of", "2021-06-01")
    assert code == 0, err
    assert out.startswith("各区县政府 · 渝府办发〔2021〕50号"), out[:200]
    assert len(out.splitlines()) > 10
    assert "已从随程序附带的任务分工创建工作数据库" in err

    code, out, err = gbk_run(tmp_path, "units", "--db", str(db))
    assert code == 0, err
    assert "各区县政府" in out and "渝中区" in out

    code, out, err = gbk_run(tmp_path, "list", "--unit", "不存在的单位", "--db", str(db))
    assert code == 2
    assert err.startswith("错误:") and out == ""

    code, out, err = gbk_run(tmp_path, "--unit", "不存在的单位", "--db", str(db))  # the app's own launch path
    assert code == 2
    assert err.startswith("错误:")

    code, out, err = gbk_run(tmp_path, "--help")
    assert code == 0 and "list" in out

    # a note with characters GBK lacks (pasted from a web page, say), then every way it is printed
    code, out, err = gbk_run(tmp_path, "done", "1.1.3-1", "--unit", "渝中区", "--note", NOTE, "--db", str(db))
    assert code == 0, err
    code, out, err = gbk_run(tmp_path, "list", "--unit", "渝中区", "--json", "--db", str(db), encoding="utf-8")
    assert [e["note"] for e in json.loads(out) if e["id"] == "1.1.3-1"] == [NOTE]  # stored exactly
    code, out, err = gbk_run(tmp_path, "list", "--unit", "渝中区", "--json", "--db", str(db))
    assert code == 0, err
    notes = [e["note"] for e in json.loads(out) if e["id"] == "1.1.3-1"]
    assert notes == ["备注:“甲” 乙 丙 ○ ? ? 完"]  # spaces stay spaces, the rest becomes ?
    code, out, err = gbk_run(tmp_path, "dump", "--json", "--db", str(db))
    assert code == 0, err


def test_tolerant_output_replaces_only_what_the_encoding_lacks(monkeypatch):
    gbk = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", gbk)
    monkeypatch.setattr(sys, "stderr", utf8)
    tolerate_unencodable_output()
    tolerate_unencodable_output()  # twice is harmless
    assert utf8.errors == "strict"
    print(NOTE, end="")
    gbk.flush()
    assert gbk.buffer.getvalue().decode("gbk") == "备注:“甲” 乙 丙 ○ ? ? 完"
    assert codecs.lookup_error("gongkai-tui-console")


# -- no POSIX-only code on the app's paths -----------------------------------------------------

POSIX_ONLY_MODULES = {
    "fcntl",
    "termios",
    "pwd",
    "grp",
    "resource",
    "posix",
    "tty",
    "pty",
    "crypt",
    "spwd",
    "nis",
    "syslog",
    "curses",
    "readline",
}
POSIX_ONLY_CALLS = {
    "os": {
        "getuid",
        "geteuid",
        "getgid",
        "getegid",
        "getgroups",
        "fork",
        "forkpty",
        "setsid",
        "setpgid",
        "getpgid",
        "killpg",
        "chown",
        "lchown",
        "fchown",
        "mkfifo",
        "mknod",
        "sysconf",
        "getloadavg",
        "statvfs",
        "openpty",
        "nice",
        "wait3",
        "wait4",
        "uname",
        "pipe2",
        "sync",
    },
    "signal": {
        "SIGKILL",
        "SIGHUP",
        "SIGALRM",
        "SIGUSR1",
        "SIGUSR2",
        "SIGCHLD",
        "SIGPIPE",
        "SIGQUIT",
        "SIGTSTP",
        "SIGCONT",
        "SIGWINCH",
        "alarm",
        "setitimer",
        "pause",
        "siginterrupt",
        "pthread_kill",
        "pthread_sigmask",
    },
}
PLATFORM_TESTS = ("sys.platform", "os.name", "platform.system", "hasattr(")
GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "AttributeError", "OSError", "Exception"}
POSIX_PATH_PREFIXES = ("/tmp", "/home/", "/usr/", "/etc/", "/var/", "/dev/", "~/")


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside `if <platform check>:` (either branch) or a `try` that catches the failure."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, (ast.If, ast.IfExp)) and any(t in ast.unparse(parent.test) for t in PLATFORM_TESTS):
            return True
        if isinstance(parent, ast.Try) and node in parent.body:
            for handler in parent.handlers:
                caught = handler.type
                names = (
                    {ast.unparse(e) for e in caught.elts}
                    if isinstance(caught, ast.Tuple)
                    else {ast.unparse(caught) if caught is not None else "Exception"}
                )
                if names & GUARD_EXCEPTIONS:
                    return True
        node = parent
    return False


def _docstrings(tree: ast.AST) -> set[ast.AST]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(first.value)
    return out


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def portability_problems(source: str, filename: str = "<string>") -> list[str]:
    """What would break or misbehave on Windows, found in the source text of one module."""
    tree = ast.parse(source, filename)
    parents = _parents(tree)
    docstrings = _docstrings(tree)
    problems = []

    def report(node: ast.AST, what: str) -> None:
        problems.append(f"{filename}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in POSIX_ONLY_MODULES and not _guarded(node, parents):
                    report(node, f"imports POSIX-only module {alias.name} without a platform check")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            top = node.module.split(".")[0]
            if top in POSIX_ONLY_MODULES and not _guarded(node, parents):
                report(node, f"imports from POSIX-only module {node.module} without a platform check")
            for alias in node.names:
                if alias.name in POSIX_ONLY_CALLS.get(top, ()) and not _guarded(node, parents):
                    report(node, f"imports POSIX-only {top}.{alias.name} without a platform check")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module, attr = node.value.id, node.attr
            if attr in POSIX_ONLY_CALLS.get(module, ()) and not _guarded(node, parents):
                report(node, f"uses POSIX-only {module}.{attr} without a platform check")
            if module == "os" and attr == "path":
                report(node, "uses os.path: build paths with pathlib")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node not in docstrings:
            if node.value.startswith(POSIX_PATH_PREFIXES):
                report(node, f"hard-coded POSIX path {node.value!r}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in (
                "open",
                "read_text",
                "write_text",
                "NamedTemporaryFile",
                "TemporaryFile",
                "SpooledTemporaryFile",
            ):
                if (
                    name == "open"
                    and isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id
                    in ("os", "webbrowser", "Image", "wave", "tarfile", "zipfile", "z", "zf", "archive")
                ):  # ZipFile.open: always bytes
                    continue
                if name in ("open", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
                    default = "w+b" if name != "open" else "r"
                    position = 1 if name == "open" and isinstance(func, ast.Name) else 0
                    mode = _keyword(node, "mode") or (node.args[position] if len(node.args) > position else None)
                    mode_text = (
                        mode.value
                        if isinstance(mode, ast.Constant) and isinstance(mode.value, str)
                        else (default if mode is None else "?")
                    )
                    if "b" in mode_text:
                        continue
                if (
                    _keyword(node, "encoding") is None
                    and not (name == "read_text" and node.args)
                    and not (name == "write_text" and len(node.args) > 1)
                ):
                    report(node, f"{name}() without encoding= (Chinese Windows defaults to GBK)")
            if (
                name in ("run", "Popen", "check_output", "check_call", "call")
                and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "subprocess"
            ):
                texty = any(
                    isinstance(_keyword(node, k), ast.Constant) and _keyword(node, k).value is True
                    for k in ("text", "universal_newlines")
                )
                if texty and _keyword(node, "encoding") is None:
                    report(node, f"subprocess.{name}(text=True) without encoding=")
    return problems


def test_no_posix_only_code_and_explicit_encodings_under_tui():
    files = sorted(TUI.rglob("*.py"))
    assert len(files) > 20
    problems = [p for f in files for p in portability_problems(f.read_text(encoding="utf-8"), str(f.relative_to(ROOT)))]
    assert problems == []


@pytest.mark.parametrize(
    "source, flagged",
    [
        ("import fcntl", True),
        ("import termios, os", True),
        ("from pwd import getpwuid", True),
        ("import resource.x", True),
        ("def f():\n    import grp", True),
        ("import sys\nif sys.platform != 'win32':\n    import fcntl", False),
        ("import os\nif os.name == 'nt':\n    pass\nelse:\n    import termios", False),
        ("try:\n    import pwd\nexcept ImportError:\n    pwd = None", False),
        ("try:\n    import pwd\nexcept ValueError:\n    pass", True),
        ("import os\nos.getuid()", True),
        ("import os\nuid = os.getuid() if hasattr(os, 'getuid') else 0", False),
        ("from os import fork", True),
        ("import signal\nsignal.signal(signal.SIGALRM, None)", True),
        ("import signal\nsignal.signal(signal.SIGINT, None)", False),
        ("import os\np = os.path.join('a', 'b')", True),
        ("p = '/tmp/x'", True),
        ('"""Docstring mentioning /tmp/x."""', False),
        ("open('x')", True),
        ("open('x', 'rb')", False),
        ("open('x', 'w', encoding='utf-8')", False),
        ("from pathlib import Path\nPath('x').read_text()", True),
        ("from pathlib import Path\nPath('x').read_text(encoding='utf-8')", False),
        ("from pathlib import Path\nPath('x').write_text('y')", True),
        ("from pathlib import Path\nPath('x').open()", True),
        ("from pathlib import Path\nPath('x').open('rb')", False),
        ("import tempfile\ntempfile.NamedTemporaryFile('w')", True),
        ("import tempfile\ntempfile.NamedTemporaryFile()", False),
        ("import subprocess\nsubprocess.run(['x'], text=True)", True),
        ("import subprocess\nsubprocess.run(['x'], text=True, encoding='utf-8')", False),
    ],
)
def test_the_portability_check_itself(source, flagged):
    assert bool(portability_problems(source)) is flagged, portability_problems(source)


# -- file names -------------------------------------------------------------------------------

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def assert_valid_on_windows(name: str, max_bytes: int = 200) -> None:
    assert name, name
    assert not (set(name) & WINDOWS_FORBIDDEN), name
    assert not name.endswith((".", " ")), name
    assert not is_reserved(name), name
    assert name not in (".", "..")
    assert len(name.encode("utf-8")) <= max_bytes, name
    name.encode("utf-8")  # no lone surrogates


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("渝中区-2021年政务公开任务清单-20210601.xlsx", "渝中区-2021年政务公开任务清单-20210601.xlsx"),
        ("市政府办公厅(市政府外办)任务清单.xlsx", "市政府办公厅(市政府外办)任务清单.xlsx"),
        ("渝府办发〔2021〕50号.xlsx", "渝府办发〔2021〕50号.xlsx"),
        ('a<b>c:d"e/f\\g|h?i*j.xlsx', "a_b_c_d_e_f_g_h_i_j.xlsx"),
        ("报表\t第1版\n.xlsx", "报表_第1版_.xlsx"),
        ("名称\x00\x7f", "名称__"),
        ("清单. . .", "清单"),
        ("  清单.xlsx  ", "清单.xlsx"),
        ("CON", "_CON"),
        ("con.xlsx", "_con.xlsx"),
        ("Nul.tar.gz", "_Nul.tar.gz"),
        ("COM1", "_COM1"),
        ("lpt9.txt", "_lpt9.txt"),
        ("COM¹.txt", "_COM¹.txt"),
        ("LPT1 .txt", "_LPT1 .txt"),
        ("CONSOLE.xlsx", "CONSOLE.xlsx"),
        ("COM10", "COM10"),
        ("", FALLBACK),
        ("...", FALLBACK),
        ("..", FALLBACK),
        ("???", "___"),
        (".gitkeep", ".gitkeep"),
    ],
)
def test_safe_filename_examples(raw, safe):
    assert safe_filename(raw) == safe
    assert_valid_on_windows(safe)


def test_safe_filename_cuts_long_names_in_the_stem_and_keeps_the_extension():
    long = "重庆市" * 100 + "任务清单.xlsx"
    name = safe_filename(long)
    assert name.endswith(".xlsx")
    assert len(name.encode("utf-8")) <= 200
    assert name.startswith("重庆市重庆市")
    name.encode("utf-8")
    assert len(safe_filename("x" * 1000, max_bytes=50).encode("utf-8")) == 50


def test_safe_filename_rejects_an_unsafe_replacement():
    with pytest.raises(ValueError):
        safe_filename("a/b", replacement="/")
    assert safe_filename("a/b", replacement="-") == "a-b"
    assert safe_filename("a/b", replacement="") == "ab"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300),
    st.integers(min_value=16, max_value=255),
)
def test_safe_filename_properties(raw, max_bytes):
    name = safe_filename(raw, max_bytes=max_bytes)
    assert_valid_on_windows(name, max_bytes)
    assert safe_filename(name, max_bytes=max_bytes) == name


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("政务公开任务清单渝中区市级部门年月日0123456789-_()()〔〕号、 .ab"), max_size=60)
)
def test_safe_names_come_back_unchanged(raw):
    already_safe = raw == raw.strip(" ").rstrip(". ") and raw.strip(".") and not is_reserved(raw)
    assert (safe_filename(raw) == raw) == bool(already_safe)


def test_every_units_export_file_name_is_already_valid_on_windows():
    """The workbook name of DESIGN.md §4, `<单位>-2021年政务公开任务清单-<YYYYMMDD>.xlsx`, for every unit."""
    with closing(sqlite3.connect(f"file:{PRISTINE}?mode=ro", uri=True)) as conn:
        units = [r[0] for r in conn.execute("SELECT name FROM units")]
    assert len(units) > 50
    day = dt.date(2021, 6, 1)
    for unit in units:
        for kind in ("任务清单", "任务汇总表"):
            name = f"{unit}-2021年政务公开{kind}-{day:%Y%m%d}.xlsx"
            assert safe_filename(name) == name
            assert_valid_on_windows(name)


def test_filenames_module_is_pure():
    tree = ast.parse((TUI / "filenames.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= {"__future__", "re"}, imported
