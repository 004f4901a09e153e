"""Evidence as people paste it: a path in quotes (what a file manager drops into a terminal),
with escaped spaces, as a `file://` URL, or a Windows path (kept, marked 不在本机 by
check-evidence); a link or path holding a bidi control is refused naming the position;
from HASH_LIMIT on a file is not read (size and time kept, the user told), and the CLI
shows its progress on stderr while it reads a large one."""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace

import pytest

import tui.cli.evidence as cli_evidence
import tui.store.evidence as store_evidence
from tests.cli_helpers import assert_user_error, invoke, ok
from tui.store import InputError, Store
from tui.store.evidence import file_state, make_evidence
from tui.store.evidence_text import pasted_path, read_evidence_cell

ITEM = "1.1.3-1"


@pytest.fixture
def notice(tmp_path):
    folder = tmp_path / "材料 2026"
    folder.mkdir()
    path = folder / "通知 2026.pdf"
    path.write_bytes(b"%PDF-1.4 notice")
    return path


def pasted_forms(path) -> list[str]:
    text = str(path)
    return [
        f"'{text}'",
        f"'{text}' ",
        f'"{text}"',
        f"“{text}”",
        text.replace(" ", "\\ "),
        path.as_uri(),
        "file://localhost" + path.as_uri()[len("file://") :],
        f"  {text}\n",
    ]


def test_every_pasted_form_of_a_path_is_the_path(notice):
    for form in pasted_forms(notice):
        assert pasted_path(form) == str(notice), form


def test_a_quoted_name_with_a_quote_in_it(tmp_path):
    path = tmp_path / "it's.pdf"
    path.write_bytes(b"x")
    assert pasted_path(f"'{tmp_path}/it'\\''s.pdf'") == str(path)


@pytest.mark.parametrize(
    "url, path",
    [
        ("file:///D:/%E6%9D%90%E6%96%99/%E9%80%9A%E7%9F%A5.pdf", "D:\\材料\\通知.pdf"),
        ("FILE:///C:/Windows/win.ini", "C:\\Windows\\win.ini"),
        ("file://server/share/x.pdf", "\\\\server\\share\\x.pdf"),
        ("file:///home/a/%231%20%E9%80%9A%E7%9F%A5.pdf", "/home/a/#1 通知.pdf"),
    ],
)
def test_file_urls_are_percent_decoded_paths(url, path):
    assert pasted_path(url) == path


def test_a_pasted_path_is_recorded_as_the_file_with_its_fingerprint(notice):
    want = hashlib.sha256(notice.read_bytes()).hexdigest()
    for form in pasted_forms(notice):
        record = make_evidence(form)
        assert (record["kind"], record["value"], record["size"], record["sha256"]) == (
            "file",
            str(notice),
            notice.stat().st_size,
            want,
        ), form


@pytest.mark.parametrize(
    "value",
    [
        "D:\\材料\\通知.pdf",
        "d:/材料/通知.pdf",
        "\\\\server\\share\\x.pdf",
        "'D:\\材料\\通知 2026.pdf'",
        "file:///D:/材料/通知.pdf",
    ],
)
def test_a_windows_path_is_kept_as_a_path_not_on_this_machine(value):
    record = make_evidence(value)
    assert record["kind"] == "file" and record["size"] is None and record["sha256"] is None
    assert record["value"] == pasted_path(value) and "\\" in record["value"] or ":/" in record["value"]
    assert file_state(record) == "不在本机"


def test_a_missing_local_path_is_still_refused(tmp_path):
    with pytest.raises(InputError, match="不是已存在的文件"):
        make_evidence(f"'{tmp_path / '没有.pdf'}'")


@pytest.mark.parametrize(
    "control",
    [
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
    ],
)
def test_a_link_holding_a_bidi_control_is_refused_naming_the_position(control):
    url = f"https://x.example/{control}gpj.exe"
    with pytest.raises(InputError) as e:
        make_evidence(url)
    assert f"第 19 个字符是看不见的文字方向控制符 U+{ord(control):04X}" in str(e.value)
    assert "网址" in str(e.value)


def test_a_path_holding_a_bidi_control_is_refused(tmp_path):
    path = tmp_path / "\u202egpj.exe"
    path.write_bytes(b"MZ")
    with pytest.raises(InputError, match="文件路径第 .* 个字符是看不见的文字方向控制符 U\\+202E"):
        make_evidence(str(path))


# -- the workbook cell and the paste split alike ------------------------------------


def test_a_cell_with_file_urls_and_windows_paths_lists_paths(notice):
    cell = read_evidence_cell(f"{notice.as_uri()}\nD:\\材料\\通知.pdf；https://www.cq.gov.cn/a")
    assert cell.entries == [("file", str(notice)), ("file", "D:\\材料\\通知.pdf"), ("url", "https://www.cq.gov.cn/a")]
    assert cell.not_evidence == []


@pytest.mark.parametrize("separator", ["；", ";", "、", "，", ",", "\n", "；\n"])
def test_two_paths_in_one_cell_are_two_entries_whatever_the_separator(separator):
    """A full-width ；, as Chinese text writes it, splits paths like the ASCII ; does."""
    cell = read_evidence_cell(f"D:\\材料\\通知.pdf{separator}\\\\server\\共享\\台账.xlsx")
    assert cell.entries == [("file", "D:\\材料\\通知.pdf"), ("file", "\\\\server\\共享\\台账.xlsx")]
    assert cell.not_evidence == []


# -- the CLI ---------------------------------------------------------------------


def evidence_rows(work_db):
    with Store(work_db, readonly=True) as store:
        return store.evidence("渝中区", ITEM)


@pytest.mark.parametrize("form", [0, 2, 4, 5])
def test_done_evidence_takes_a_pasted_path(work_db, notice, form):
    value = pasted_forms(notice)[form]
    ok(invoke("done", ITEM, "--unit", "渝中区", "--evidence", value, "--db", work_db))
    [record] = evidence_rows(work_db)
    assert (record["value"], record["size"]) == (str(notice), notice.stat().st_size)


def test_done_evidence_keeps_a_windows_path_and_check_evidence_flags_it(work_db):
    ok(invoke("done", ITEM, "--unit", "渝中区", "--evidence", "D:\\材料\\通知.pdf", "--db", work_db))
    [record] = evidence_rows(work_db)
    assert (record["value"], record["size"], record["sha256"]) == ("D:\\材料\\通知.pdf", None, None)
    result = invoke("check-evidence", "--unit", "渝中区", "--json", "--db", work_db)
    assert result.exit_code == 3
    assert [(r["item"], r["path"], r["state"]) for r in json.loads(result.stdout)] == [
        (ITEM, "D:\\材料\\通知.pdf", "不在本机")
    ]


def test_done_evidence_refuses_a_bidi_link_and_writes_nothing(work_db):
    result = invoke("done", ITEM, "--unit", "渝中区", "--evidence", "https://x.example/\u202egpj.exe", "--db", work_db)
    assert_user_error(result, "第 19 个字符", "U+202E")
    assert evidence_rows(work_db) == []


def test_a_file_from_the_limit_on_is_not_read_and_the_user_is_told(work_db, tmp_path, monkeypatch):
    big = tmp_path / "录像.mp4"
    with big.open("wb") as f:
        f.truncate(2**31)  # sparse: 2 GB that take no disk
    # nothing hashes it: the store's reader is the only one, and it must not start
    monkeypatch.setattr(store_evidence, "hashlib", SimpleNamespace(sha256=lambda: pytest.fail("the big file was read")))
    record = make_evidence(str(big))
    assert (record["size"], record["sha256"]) == (2**31, None)
    assert file_state(record) is None
    result = ok(invoke("done", ITEM, "--unit", "渝中区", "--evidence", f"'{big}'", "--db", work_db))
    assert "录像.mp4:文件大于 1 GB,只记下大小和添加时间,不计算校验值(核对时只比较大小)" in result.stderr
    [row] = evidence_rows(work_db)
    assert (row["value"], row["size"], row["sha256"]) == (str(big), 2**31, None)
    with big.open("r+b") as f:
        f.truncate(2**31 + 1)
    assert file_state(row) == "已改动"
    big.unlink()
    assert file_state(row) == "已不存在"


def test_done_evidence_shows_progress_on_stderr_while_it_reads_a_large_file(work_db, tmp_path):
    large = tmp_path / "扫描件.pdf"
    with large.open("wb") as f:
        f.truncate(cli_evidence.SHOW_PROGRESS + 3 * 2**20)  # sparse, just over the size that shows progress
    result = ok(invoke("done", ITEM, "--unit", "渝中区", "--evidence", str(large), "--db", work_db))
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("正在计算佐证文件的校验值:扫描件.pdf")]
    assert lines[0].endswith(" 0%") and lines[-1].endswith(" 100%") and len(lines) == 11
    [row] = evidence_rows(work_db)
    assert row["sha256"] == hashlib.sha256(b"\0" * large.stat().st_size).hexdigest()


def test_a_small_file_is_read_without_progress(work_db, notice):
    result = ok(invoke("done", ITEM, "--unit", "渝中区", "--evidence", str(notice), "--db", work_db))
    assert "正在计算" not in result.stderr
