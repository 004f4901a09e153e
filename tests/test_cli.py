"""The typer CLI (`tui.cli.app`) through typer's CliRunner: every command, every error path.

Error paths must exit with code 2, print a Chinese message, show no traceback and leave
the database as it was. Everything written goes under tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tui import __version__
from tui.store.schema import SCHEMA_VERSION

from tests.conftest import PRISTINE, ROOT, SOURCE
from tests.cli_helpers import assert_user_error, invoke, ok

AS_OF = "2021-06-01"
DOC_NUMBER = "渝府办发〔2021〕50号"


# -- helpers -------------------------------------------------------------------


def as_json(result):
    return json.loads(ok(result).stdout)


def db_query(db: Path, sql: str, params=()):
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def counts(db: Path) -> dict[str, int]:
    return {t: db_query(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("progress", "evidence", "history")}


def history(db: Path) -> list[dict]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM history ORDER BY id")]


def units_json(db: Path) -> dict[str, dict]:
    return {u["name"]: u for u in as_json(invoke("units", "--json", "--db", db))}


def checklist(db: Path, unit: str, *extra) -> list[dict]:
    return as_json(invoke("list", "--unit", unit, "--json", "--db", db, *extra))


def entry(db: Path, unit: str, item: str) -> dict:
    [e] = [e for e in checklist(db, unit) if e["id"] == item]
    return e


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def user(monkeypatch) -> str:
    """A known OS user name for the history table."""
    for var in ("USERNAME", "LOGNAME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("USER", "科员-tester")
    return "科员-tester"


# -- units -----------------------------------------------------------------------


def test_units_table(work_db):
    out = ok(invoke("units", "--db", work_db)).stdout
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["单位", "类型"]
    names = {line.split()[0] for line in lines[1:]}
    assert {"各区县政府", "渝中区", "市发展改革委", "市政府各部门", "两江新区"} <= names


def test_units_json_kinds_and_counts(work_db):
    units = units_json(work_db)
    for u in units.values():
        assert set(u) >= {"name", "kind", "in_document", "items", "lead_items", "responsible_items", "to_confirm_items"}
        assert u["items"] >= max(u["lead_items"], u["responsible_items"])
    assert units["市发展改革委"]["kind"] == "市级部门"
    assert units["市政府办公厅"]["kind"] == "市级部门"
    assert units["各区县政府"]["kind"] == "集合"
    assert units["市政府各部门"]["kind"] == "集合"
    assert units["市政府有关部门"]["kind"] == "集合"
    assert units["渝中区"]["kind"] == "区县"
    assert units["两江新区"]["kind"] == "区县"
    assert units["各区县政府"]["in_document"] is True
    assert units["渝中区"]["in_document"] is False  # a member, not named in the table
    assert sum(u["kind"] == "区县" for u in units.values()) == 41
    # a 区县 has exactly the checklist of 各区县政府
    for key in ("items", "lead_items", "responsible_items", "to_confirm_items"):
        assert units["渝中区"][key] == units["各区县政府"][key], key
    assert units["各区县政府"]["items"] > 0
    # a city department leads rows of its own
    assert units["市发展改革委"]["lead_items"] > 0
    assert units["市发展改革委"]["to_confirm_items"] > 0  # 市政府有关部门 rows


# -- list --------------------------------------------------------------------------

ENTRY_KEYS = {"id", "row", "text", "roles", "via", "status", "evidence", "note", "missing_evidence"}


def test_list_json_shape(work_db):
    entries = checklist(work_db, "各区县政府")
    assert isinstance(entries, list) and entries
    for e in entries:
        assert set(e) >= ENTRY_KEYS
        assert isinstance(e["id"], str) and e["id"].startswith(e["row"] + "-")
        assert isinstance(e["text"], str) and e["text"]
        assert isinstance(e["roles"], list) and e["roles"] and set(e["roles"]) <= {"牵头", "责任"}
        assert e["via"] in {"direct", "collective", "to_confirm"}
        assert e["status"] == "未开始"
        assert e["evidence"] == []
        assert e["note"] is None
        assert e["missing_evidence"] is False
    assert len({e["id"] for e in entries}) == len(entries)


def test_list_district_member_sees_the_collective_checklist(work_db):
    collective = checklist(work_db, "各区县政府")
    member = checklist(work_db, "渝中区")
    assert [e["id"] for e in member] == [e["id"] for e in collective]
    assert len(member) == units_json(work_db)["渝中区"]["items"]
    by_id = {e["id"]: e for e in collective}
    named = [e for e in member if "各区县政府" in e["lead_units"] + e["responsible_units"]]
    assert named
    for e in named:
        assert e["via"] == "collective"
        assert by_id[e["id"]]["via"] == "direct"
    for e in member:
        assert e["roles"] == by_id[e["id"]]["roles"]


@pytest.mark.parametrize("typed", ["fgw", "发改委", "市发改委", "发展改革委", "  市发展改革委 "])
def test_list_resolves_unit_spellings(work_db, typed):
    entries = checklist(work_db, typed)
    assert [e["id"] for e in entries] == [e["id"] for e in checklist(work_db, "市发展改革委")]
    plain = ok(invoke("list", "--unit", typed, "--db", work_db, "--as-of", AS_OF)).stdout
    first = plain.splitlines()[0]
    assert first.startswith(f"市发展改革委 · {DOC_NUMBER} · 截至 {AS_OF}")


def test_list_role_filters(work_db):
    counts_ = units_json(work_db)["市发展改革委"]
    everything = checklist(work_db, "市发展改革委")
    lead = checklist(work_db, "fgw", "--role", "牵头")
    resp = checklist(work_db, "fgw", "--role", "责任")
    assert lead and resp
    assert all("牵头" in e["roles"] for e in lead)
    assert all("责任" in e["roles"] for e in resp)
    assert len(lead) == counts_["lead_items"]
    assert len(resp) == counts_["responsible_items"]
    assert {e["id"] for e in lead} | {e["id"] for e in resp} == {e["id"] for e in everything}
    both = {e["id"] for e in lead} & {e["id"] for e in resp}
    assert "1.1.1-1" in both  # 市发展改革委 is lead and responsible unit of row 1.1.1


def test_list_status_filter(work_db):
    ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--evidence", "https://www.cq.gov.cn/a", "--db", work_db))
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", "渝中区", "--db", work_db))
    done = checklist(work_db, "渝中区", "--status", "已完成")
    assert [e["id"] for e in done] == ["1.1.3-1"]
    assert [e["id"] for e in checklist(work_db, "渝中区", "--status", "推进中")] == ["1.1.3-2"]
    assert checklist(work_db, "渝中区", "--status", "不适用") == []
    rest = checklist(work_db, "渝中区", "--status", "未开始")
    assert len(rest) == len(checklist(work_db, "渝中区")) - 2
    # progress is per unit: 各区县政府 and other 区县 are untouched
    assert checklist(work_db, "各区县政府", "--status", "已完成") == []
    assert checklist(work_db, "万州区", "--status", "已完成") == []


def test_list_plain_text_flags(work_db):
    ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--db", work_db))
    out = ok(invoke("list", "--unit", "渝中区", "--db", work_db, "--as-of", "2022-06-01")).stdout
    lines = out.splitlines()
    assert lines[0].startswith(f"渝中区 · {DOC_NUMBER} · 截至 2022-06-01 · 已完成 1/")
    [done_line] = [line for line in lines if "1.1.3-1" in line]
    assert done_line.startswith("[已完成]") and "缺佐证" in done_line and "逾期" not in done_line
    assert any("逾期" in line for line in lines[1:])  # 2021 deadlines have passed by 2022-06
    early = ok(invoke("list", "--unit", "渝中区", "--db", work_db, "--as-of", "2021-01-01")).stdout
    assert not any("逾期" in line for line in early.splitlines()[1:])


# -- dump --------------------------------------------------------------------------


def test_dump_json(work_db):
    data = as_json(invoke("dump", "--json", "--db", work_db))
    assert data["document"]["number"] == DOC_NUMBER
    rows = data["rows"]
    expected = json.loads((ROOT / "tests" / "data" / "expected_2021.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [r["id"] for r in expected["rows"]]
    lines = [r["first_line"] for r in rows]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for row in rows:
        assert set(row) >= {
            "id",
            "section",
            "section_title",
            "subsection",
            "subsection_title",
            "lead_units",
            "responsible_units",
            "items",
        }
        assert row["id"].startswith(row["subsection"] + ".")
        assert row["subsection"].startswith(row["section"] + ".")
        assert row["section_title"] and row["subsection_title"]
        assert row["lead_units"] or row["responsible_units"]
        assert row["items"]
        for it in row["items"]:
            assert set(it) >= {"id", "text", "disclosure_paths", "deadline", "relative_deadline"}
            assert it["id"].startswith(row["id"] + "-")
            assert it["text"]
            assert isinstance(it["disclosure_paths"], list)
            assert it["deadline"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", it["deadline"])
    by_id = {r["id"]: r for r in rows}
    assert by_id["3.2.4"]["lead_units"] == ["市、区县政府门户网站主办单位"]
    assert by_id["3.2.4"]["responsible_units"] == ["市、区县政府门户网站承办单位"]  # repaired truncation
    for exp in expected["rows"]:
        assert by_id[exp["id"]]["lead_units"] == exp["lead"]
        assert by_id[exp["id"]]["responsible_units"] == exp["responsible"]
    item_ids = [it["id"] for r in rows for it in r["items"]]
    assert len(item_ids) == len(set(item_ids))


def test_dump_plain(work_db):
    out = ok(invoke("dump", "--db", work_db)).stdout
    assert out.splitlines()[0].startswith(DOC_NUMBER)
    assert "3.2.4  牵头:市、区县政府门户网站主办单位  责任:市、区县政府门户网站承办单位" in out


# -- writes: done / status ------------------------------------------------------------


def test_done_with_url_and_note(work_db, user):
    url = "https://www.cq.gov.cn/zwgk/a.html?x=1&y=中文"
    note = "已在门户网站公开\n第二行 ✅ =SUM(A1)"
    result = ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--evidence", url, "--note", note, "--db", work_db))
    assert result.stdout.strip() == "1.1.3-1 已完成"
    e = entry(work_db, "渝中区", "1.1.3-1")
    assert e["status"] == "已完成"
    assert e["note"] == note
    assert e["done_date"] and re.fullmatch(r"\d{4}-\d\d-\d\d", e["done_date"])
    assert [ev["value"] for ev in e["evidence"]] == [url]
    assert e["evidence"][0]["kind"] == "url"
    assert e["missing_evidence"] is False

    lines = history(work_db)
    assert {line["field"] for line in lines} == {"status", "done_date", "evidence+", "note"}
    assert len({line["action_id"] for line in lines}) == 1
    for line in lines:
        assert line["unit"] == "渝中区"
        assert line["item_id"] == "1.1.3-1"
        assert line["os_user"] == user
        assert line["at"]
    by_field = {line["field"]: line for line in lines}
    assert (by_field["status"]["old"], by_field["status"]["new"]) == ("未开始", "已完成")
    assert (by_field["done_date"]["old"], by_field["done_date"]["new"]) == (None, e["done_date"])
    assert (by_field["note"]["old"], by_field["note"]["new"]) == (None, note)
    assert by_field["evidence+"]["old"] is None  # one entry added, not a list rewritten
    assert json.loads(by_field["evidence+"]["new"])["value"] == url

    # the same command again changes nothing and writes no history
    before = counts(work_db)
    again = ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--evidence", url, "--note", note, "--db", work_db))
    assert "无变化" in again.stdout
    assert counts(work_db) == before
    assert [ev["value"] for ev in entry(work_db, "渝中区", "1.1.3-1")["evidence"]] == [url]


def test_done_with_file_evidence(work_db, tmp_path, user):
    evidence = tmp_path / "佐证 材料" / "截图-1.png"
    evidence.parent.mkdir()
    payload = bytes(range(256)) * 40 + "中文".encode("utf-8")
    evidence.write_bytes(payload)
    ok(invoke("done", "1.2.5-1", "--unit", "渝中区", "-e", evidence, "--db", work_db))
    rows = db_query(work_db, "SELECT unit, item_id, kind, value, size, sha256 FROM evidence")
    assert rows == [
        ("渝中区", "1.2.5-1", "file", str(evidence.resolve()), len(payload), hashlib.sha256(payload).hexdigest())
    ]
    e = entry(work_db, "渝中区", "1.2.5-1")
    assert e["status"] == "已完成" and e["missing_evidence"] is False
    assert [(ev["kind"], ev["value"]) for ev in e["evidence"]] == [("file", str(evidence.resolve()))]
    assert all(line["os_user"] == user for line in history(work_db))

    before = counts(work_db)
    assert "无变化" in ok(invoke("done", "1.2.5-1", "--unit", "渝中区", "-e", evidence, "--db", work_db)).stdout
    assert counts(work_db) == before


def test_done_without_evidence_is_flagged(work_db, user):
    result = ok(invoke("done", "1.1.3-2", "--unit", "渝中区", "--db", work_db))
    assert result.stdout.strip() == "1.1.3-2 已完成(缺佐证)"
    e = entry(work_db, "渝中区", "1.1.3-2")
    assert e["status"] == "已完成"
    assert e["evidence"] == []
    assert e["missing_evidence"] is True
    others = [x for x in checklist(work_db, "渝中区") if x["id"] != "1.1.3-2"]
    assert not any(x["missing_evidence"] for x in others)
    assert [(h["field"], h["old"], h["new"]) for h in history(work_db)] == [
        ("status", "未开始", "已完成"),
        ("done_date", None, e["done_date"]),
    ]

    before = counts(work_db)
    assert (
        ok(invoke("done", "1.1.3-2", "--unit", "渝中区", "--db", work_db)).stdout.strip()
        == "1.1.3-2 已完成(无变化)(缺佐证)"
    )
    assert counts(work_db) == before


def test_status_in_progress(work_db, user):
    result = ok(invoke("status", "1.1.3-1", "推进中", "--unit", "yzq", "--db", work_db))
    assert result.stdout.strip() == "1.1.3-1 推进中"
    assert entry(work_db, "渝中区", "1.1.3-1")["status"] == "推进中"
    lines = history(work_db)
    assert [(h["unit"], h["item_id"], h["field"], h["old"], h["new"], h["os_user"]) for h in lines] == [
        ("渝中区", "1.1.3-1", "status", "未开始", "推进中", user)
    ]

    before = counts(work_db)
    again = ok(invoke("status", "1.1.3-1", "推进中", "--unit", "渝中区", "--db", work_db))
    assert again.stdout.strip() == "1.1.3-1 推进中(无变化)"
    assert counts(work_db) == before


def test_status_not_applicable_with_reason(work_db, user):
    ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--db", work_db))
    done_date = entry(work_db, "渝中区", "1.1.3-1")["done_date"]
    first = len(history(work_db))
    reason = "本区未编制该规划"
    ok(invoke("status", "1.1.3-1", "不适用", "--unit", "渝中区", "--reason", reason, "--db", work_db))
    e = entry(work_db, "渝中区", "1.1.3-1")
    assert (e["status"], e["reason"], e["done_date"]) == ("不适用", reason, None)
    assert e["missing_evidence"] is False
    new_lines = history(work_db)[first:]
    assert [(h["unit"], h["item_id"], h["field"], h["old"], h["new"], h["os_user"]) for h in new_lines] == [
        ("渝中区", "1.1.3-1", "status", "已完成", "不适用", user),
        ("渝中区", "1.1.3-1", "reason", None, reason, user),
        ("渝中区", "1.1.3-1", "done_date", done_date, None, user),
    ]
    assert len({h["action_id"] for h in new_lines}) == 1

    before = counts(work_db)
    again = ok(invoke("status", "1.1.3-1", "不适用", "--unit", "渝中区", "--reason", reason, "--db", work_db))
    assert "无变化" in again.stdout
    assert counts(work_db) == before


@pytest.mark.parametrize(
    "note",
    [
        "第一行\n第二行\n",
        "完成 🎉👍🏽",
        "\u200fعربي\u200e 与中文",
        '=HYPERLINK("http://evil")',
        "+1",
        "-1",
        "@SUM(A1)",
    ],
)
def test_notes_survive_unchanged(work_db, note):
    ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--note", note, "--db", work_db))
    assert entry(work_db, "渝中区", "1.1.3-1")["note"] == note
    assert db_query(work_db, "SELECT new FROM history WHERE field='note'") == [(note,)]


# -- error paths ------------------------------------------------------------------


def unknown_unit_suggestions(message: str, names: list[str]) -> list[str]:
    """The unit names listed after 您是不是要找:, each in 「」 (names may contain 、 themselves), on
    their line (opening the app adds a line on loading the upper breakdown first)."""
    tail = message.split("您是不是要找:", 1)[1].strip().split("\n", 1)[0]
    found = re.findall(r"「([^」]+)」", tail)
    assert "".join(f"「{n}」" for n in found) == tail, (found, tail)
    assert set(found) <= set(names), found
    return found


@pytest.mark.parametrize("typed", ["不存在的单位", "发展改革", "渝中去", "xyzqq"])
def test_error_unknown_unit(work_db, typed):
    names = list(units_json(work_db))
    before = counts(work_db)
    for args in (
        ["list", "--unit", typed],
        ["done", "1.1.3-1", "--unit", typed],
        ["status", "1.1.3-1", "推进中", "--unit", typed],
        ["--unit", typed],
    ):
        message = assert_user_error(invoke(*args, "--db", work_db), f"未知单位「{typed}」")
        suggestions = unknown_unit_suggestions(message, names)
        assert 1 <= len(suggestions) <= 5
        assert len(set(suggestions)) == len(suggestions)
    assert counts(work_db) == before
    if typed == "发展改革":
        assert "市发展改革委" in suggestions
    if typed == "渝中去":
        assert "渝中区" in suggestions


def test_error_ambiguous_unit(work_db):
    before = counts(work_db)
    message = assert_user_error(invoke("list", "--unit", "qjq", "--db", work_db), "可以指多个单位")
    assert "綦江区" in message and "黔江区" in message
    assert counts(work_db) == before


ERROR_CASES = [
    pytest.param(["done", "9.9.9-9", "--unit", "渝中区"], ["没有编号为「9.9.9-9」的条目"], id="bad-item"),
    pytest.param(["status", "1.1", "推进中", "--unit", "渝中区"], ["没有编号为「1.1」的条目"], id="bad-item-status"),
    pytest.param(
        ["done", "1.1.1-1", "--unit", "渝中区"], ["条目 1.1.1-1 不在「渝中区」的任务清单中"], id="not-applicable-item"
    ),
    pytest.param(
        ["status", "1.1.1-1", "推进中", "--unit", "万州区"],
        ["不在「万州区」的任务清单中"],
        id="not-applicable-item-status",
    ),
    pytest.param(
        ["status", "1.1.3-1", "完成", "--unit", "渝中区"], ["未知状态「完成」", "未开始", "不适用"], id="unknown-status"
    ),
    pytest.param(["status", "1.1.3-1", "不适用", "--unit", "渝中区"], ["必须填写理由"], id="na-no-reason"),
    pytest.param(
        ["status", "1.1.3-1", "不适用", "--unit", "渝中区", "--reason", "  "], ["必须填写理由"], id="na-blank-reason"
    ),
    pytest.param(
        ["done", "1.1.3-1", "--unit", "渝中区", "--evidence", "javascript:alert(1)"],
        ["佐证材料无效", "http"],
        id="evidence-javascript",
    ),
    pytest.param(["done", "1.1.3-1", "--unit", "渝中区", "--evidence", "ftp://x"], ["佐证材料无效"], id="evidence-ftp"),
    pytest.param(
        [
            "done",
            "1.1.3-1",
            "--unit",
            "渝中区",
            "-e",
            "https://www.cq.gov.cn/ok",
            "-e",
            "ftp://x",
            "--note",
            "不应写入",
        ],
        ["佐证材料无效"],
        id="evidence-one-bad-of-two",
    ),
    pytest.param(
        ["done", "1.1.3-1", "--unit", "渝中区", "--evidence", "https://"], ["佐证材料无效"], id="evidence-no-host"
    ),
    pytest.param(["list", "--unit", "渝中区", "--role", "主办"], ["角色只能是 牵头、责任 或 配合"], id="bad-role"),
    pytest.param(["list", "--unit", "渝中区", "--status", "完成"], ["未知状态「完成」"], id="list-bad-status"),
    pytest.param(
        ["list", "--unit", "渝中区", "--as-of", "2021-13-01"],
        ["日期格式应为 YYYY-MM-DD", "2021-13-01"],
        id="list-bad-as-of",
    ),
    pytest.param(["--unit", "渝中区", "--as-of", "2021-13-01"], ["日期格式应为 YYYY-MM-DD"], id="open-bad-as-of"),
]


@pytest.mark.parametrize("args, fragments", ERROR_CASES)
def test_error_paths_leave_database_unchanged(work_db, args, fragments):
    before = counts(work_db)
    assert_user_error(invoke(*args, "--db", work_db), *fragments)
    assert counts(work_db) == before


def test_error_missing_evidence_file(work_db, tmp_path):
    missing = tmp_path / "没有这个文件.pdf"
    before = counts(work_db)
    assert_user_error(
        invoke("done", "1.1.3-1", "--unit", "渝中区", "--evidence", missing, "--db", work_db),
        "既不是 http(s) 网址,也不是已存在的文件",
        str(missing),
    )
    assert counts(work_db) == before
    # a directory is not a file either
    assert_user_error(
        invoke("done", "1.1.3-1", "--unit", "渝中区", "--evidence", tmp_path, "--db", work_db),
        "既不是 http(s) 网址,也不是已存在的文件",
    )
    assert counts(work_db) == before
    assert not missing.exists()


COMMANDS = [
    ["units"],
    ["dump", "--json"],
    ["list", "--unit", "渝中区"],
    ["done", "1.1.3-1", "--unit", "渝中区"],
    ["status", "1.1.3-1", "推进中", "--unit", "渝中区"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_error_db_is_a_directory(tmp_path, args):
    folder = tmp_path / "数据"
    folder.mkdir()
    assert_user_error(invoke(*args, "--db", folder), "是一个目录")
    assert listing(folder) == []
    assert not (tmp_path / "env-default.sqlite").exists()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_error_db_in_missing_directory(tmp_path, args):
    target = tmp_path / "没有的目录" / "tasks.sqlite"
    assert_user_error(invoke(*args, "--db", target), "目录不存在")
    assert not target.parent.exists()
    assert not (tmp_path / "env-default.sqlite").exists()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_error_db_not_sqlite(tmp_path, args):
    junk = tmp_path / "junk.sqlite"
    payload = random.Random(50).randbytes(8192)
    junk.write_bytes(payload)
    assert_user_error(invoke(*args, "--db", junk), "不是可用的 SQLite 数据库")
    assert junk.read_bytes() == payload
    assert listing(tmp_path) == ["junk.sqlite"]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_error_db_not_ours(tmp_path, args):
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    payload = other.read_bytes()
    assert_user_error(invoke(*args, "--db", other), "不是 gongkai-tui 的数据库")
    assert other.read_bytes() == payload
    assert not (tmp_path / "env-default.sqlite").exists()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_error_db_newer_version(work_db, args):
    with closing(sqlite3.connect(work_db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    before = counts(work_db)
    assert_user_error(invoke(*args, "--db", work_db), f"数据库版本为 {SCHEMA_VERSION + 1}", "更新版本")
    assert counts(work_db) == before
    assert db_query(work_db, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]


# -- build-db -------------------------------------------------------------------------


@pytest.fixture
def out_db(tmp_path) -> Path:
    """A pre-existing output database in a directory of its own."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "tasks.sqlite"
    shutil.copyfile(PRISTINE, out)
    return out


def assert_build_fails(out: Path, source: Path, *fragments: str) -> str:
    before = out.read_bytes()
    message = assert_user_error(invoke("build-db", source, "-o", out), *fragments)
    assert out.read_bytes() == before
    assert listing(out.parent) == [out.name]
    return message


def test_build_db_missing_source(out_db, tmp_path):
    assert_build_fails(out_db, tmp_path / "没有.txt", "找不到源文件")


def test_build_db_source_is_a_directory(out_db, tmp_path):
    assert_build_fails(out_db, tmp_path, "不是普通文件")


def test_build_db_reads_gbk_as_notepad_saves_it(tmp_path, source_text):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(source_text.replace("\u00a0", " ").replace("\u2002", " ").encode("gbk"))
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    ok(invoke("build-db", gbk, "-o", a))
    ok(invoke("build-db", SOURCE, "-o", b))
    dumps = [json.loads(ok(invoke("dump", "--json", "--db", db)).stdout) for db in (a, b)]
    assert dumps[0]["rows"] == dumps[1]["rows"]


def test_build_db_neither_utf8_nor_gbk(out_db, tmp_path, source_text):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(source_text.encode("utf-8")[:400] + b"\x81\x20\xff\xfe" + b"\n" * 3)
    assert_build_fails(out_db, bad, "既不是 UTF-8 也不是 GBK", "bad.txt")


def test_build_db_parser_rejects(out_db, tmp_path, source_text):
    lines = source_text.split("\n")
    header = lines.index("工作任务")
    n = next(i for i in range(header, len(lines)) if lines[i].startswith("二、")) + 1  # 1-based
    lines[n - 1] = "一" + lines[n - 1][1:]  # a number going back (one skipping forward is a warning)
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(lines), encoding="utf-8")
    assert_build_fails(out_db, bad, f"第 {n} 行", "章节编号")


def test_build_db_empty_source(out_db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert_build_fails(out_db, empty, "第 1 行")


def test_build_db_output_is_a_directory(tmp_path):
    folder = tmp_path / "out"
    (folder / "tasks.sqlite").mkdir(parents=True)
    message = assert_user_error(invoke("build-db", SOURCE, "-o", folder / "tasks.sqlite"), "是一个目录")
    assert str(folder / "tasks.sqlite") in message
    assert listing(folder) == ["tasks.sqlite"]
    assert listing(folder / "tasks.sqlite") == []


def test_build_db_success(tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    out = folder / "tasks.sqlite"
    out.write_bytes(b"old content, replaced atomically")
    result = ok(invoke("build-db", SOURCE, "-o", out))
    assert f"已生成 {out}" in result.stdout
    assert "71 行任务" in result.stdout
    assert listing(folder) == ["tasks.sqlite"]
    assert as_json(invoke("dump", "--json", "--db", out))["document"]["number"] == DOC_NUMBER
    assert len(checklist(out, "渝中区")) == units_json(out)["各区县政府"]["items"]


# -- working database ----------------------------------------------------------------


def test_working_db_created_from_pristine_once(tmp_path):
    env_db = tmp_path / "env-default.sqlite"  # GONGKAI_DB, set by conftest
    assert not env_db.exists()
    first = ok(invoke("units"))
    assert "创建工作数据库" in first.stderr and str(env_db) in first.stderr
    assert str(env_db) not in first.stdout  # the notice goes to stderr, the table to stdout
    assert env_db.is_file()
    assert db_query(env_db, "SELECT count(*) FROM items") == db_query(PRISTINE, "SELECT count(*) FROM items")
    second = ok(invoke("units"))
    assert "创建工作数据库" not in second.output and str(env_db) not in second.output
    ok(invoke("done", "1.1.3-1", "--unit", "渝中区"))
    assert counts(env_db)["history"] == 2
    assert "创建工作数据库" not in ok(invoke("list", "--unit", "渝中区")).output
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_working_db_created_by_a_write_command(tmp_path):
    env_db = tmp_path / "env-default.sqlite"
    result = ok(invoke("status", "1.1.3-1", "推进中", "--unit", "渝中区"))
    assert str(env_db) in result.stderr
    assert result.stdout.strip() == "1.1.3-1 推进中"
    assert counts(env_db) == {"progress": 1, "evidence": 0, "history": 1}
    assert db_query(PRISTINE, "SELECT count(*) FROM history") == [(0,)]


def test_db_option_wins_over_env(work_db, tmp_path, monkeypatch):
    env_db = tmp_path / "env.sqlite"
    monkeypatch.setenv("GONGKAI_DB", str(env_db))
    result = ok(invoke("done", "1.1.3-1", "--unit", "渝中区", "--db", work_db))
    assert "创建工作数据库" not in result.output
    assert not env_db.exists()
    assert counts(work_db)["history"] == 2
    # and with an env database that exists, --db is still the one used
    shutil.copyfile(PRISTINE, env_db)
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", "渝中区", "--db", work_db))
    assert counts(env_db)["history"] == 0
    assert counts(work_db)["history"] == 3


def test_db_env_variable_is_used(work_db, monkeypatch):
    monkeypatch.setenv("GONGKAI_DB", str(work_db))
    result = ok(invoke("done", "1.1.3-1", "--unit", "渝中区"))
    assert "创建工作数据库" not in result.output
    assert counts(work_db)["history"] == 2


def test_default_location_under_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GONGKAI_DB")
    first = ok(invoke("units"))
    created = [p for p in tmp_path.rglob("tasks.sqlite")]
    assert len(created) == 1
    path = created[0]
    assert path.is_relative_to(tmp_path / "xdg") or path.is_relative_to(tmp_path / "home")
    assert str(path) in first.stderr
    assert str(path) not in ok(invoke("units")).output


# -- version, help ---------------------------------------------------------------------


def test_version():
    result = ok(invoke("--version"))
    assert result.stdout.strip() == f"gongkai-tui {__version__}(附带任务分工:渝府办发〔2021〕50号)"


def test_no_arguments_prints_help(tmp_path):
    result = ok(invoke())
    for command in ("build-db", "units", "list", "dump", "done", "status"):
        assert command in result.stdout
    assert not (tmp_path / "env-default.sqlite").exists()
