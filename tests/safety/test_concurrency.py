"""Two writers on one database (issue point 2): two TUIs, or the TUI while a CLI `done`
runs. No lost update, no "database is locked" traceback, and each side sees the other's
changes on its next refresh (PRAGMA data_version, read on focus or a key press — the
Pilot side of that is tests/app/test_flows.py::test_changes_from_another_process_show_on_the_next_key).

What fails without which safeguard:
- old values read before BEGIN IMMEDIATE → the history chain test finds a line whose
  `old` is not what the other writer had just written;
- the evidence list computed before the transaction (as it was) → the race test loses
  the other writer's evidence;
- no busy timeout → the waiting CLI fails at once instead of going through;
- the busy error not turned into a message → a traceback / exit 1 instead of exit 2.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import tui.store.api as store_api
from tui.store import Store

from .conftest import CLI, UNIT, assert_child_user_error, child_env, integrity, query, run_cli, snapshot

ITEM = "1.1.3-1"


def chain_problems(db: Path) -> list[str]:
    """Every history line's `old` must be the `new` of the line before it on the same
    (unit, item, field): otherwise a writer overwrote a value it had not seen."""
    last: dict[tuple, object] = {}
    evidence: dict[tuple, set] = {}
    problems = []
    for hid, unit, item, field, old, new in query(
        db, "SELECT id, unit, item_id, field, old, new FROM history ORDER BY id"
    ):
        if field in ("evidence+", "evidence-"):  # a set: an entry added must be new, one removed there
            have = evidence.setdefault((unit, item), set())
            entry = json.loads(new or old)
            ident = (entry["kind"], entry["value"], entry["sha256"])
            if (ident in have) == (field == "evidence+"):
                problems.append(f"history {hid}: {field} {ident!r}, but the set was {sorted(have)!r}")
            (have.add if field == "evidence+" else have.discard)(ident)
            continue
        key = (unit, item, field)
        if key in last and last[key] != old:
            problems.append(f"history {hid}: {key} old={old!r}, but the value was {last[key]!r}")
        last[key] = new
    return problems


def test_two_stores_interleave_on_one_item(work_db, user):
    a, b = Store(work_db), Store(work_db)  # e.g. two TUIs on one database
    try:
        steps = [
            (a, lambda s: s.set_status(UNIT, [ITEM], "推进中", source="tui-a")),
            (b, lambda s: s.set_fields(UNIT, ITEM, {"office": "政务公开科"}, source="tui-b")),
            (a, lambda s: s.mark_done(UNIT, ITEM, ["https://a.example.gov.cn/1"], source="tui-a")),
            (b, lambda s: s.add_evidence(UNIT, ITEM, "https://b.example.gov.cn/2", source="tui-b")),
            (a, lambda s: s.set_fields(UNIT, ITEM, {"note": "甲写的备注", "person": "张三"}, source="tui-a")),
            (b, lambda s: s.set_fields(UNIT, ITEM, {"note": "乙写的备注"}, source="tui-b")),
            (a, lambda s: s.set_status(UNIT, [ITEM], "推进中", source="tui-a")),
            (b, lambda s: s.set_status(UNIT, [ITEM], "已完成", source="tui-b")),
        ]
        actions = [fn(store) for store, fn in steps]
        assert all(actions) and len(set(actions)) == len(actions)  # every step wrote, each its own action

        for store in (a, b):  # both see the final state: last writer wins, nothing lost
            e = store.entry(UNIT, ITEM)
            assert (e.status, e.note, e.office, e.person) == ("已完成", "乙写的备注", "政务公开科", "张三")
            assert e.done_date
            assert [r["value"] for r in store.evidence(UNIT, ITEM)] == [
                "https://a.example.gov.cn/1",
                "https://b.example.gov.cn/2",
            ]
    finally:
        a.close()
        b.close()

    lines = query(work_db, "SELECT action_id, field, new, source FROM history ORDER BY id")
    assert [line[0] for line in lines] == sorted(line[0] for line in lines)
    assert {line[0] for line in lines} == set(actions)
    assert [(f, n) for _, f, n, _ in lines if f == "note"] == [("note", "甲写的备注"), ("note", "乙写的备注")]
    assert [n for _, f, n, _ in lines if f == "status"] == ["推进中", "已完成", "推进中", "已完成"]
    assert chain_problems(work_db) == []


def test_evidence_added_in_between_is_not_lost(work_db, monkeypatch, user):
    """The race two TUIs can hit: B reads the evidence list, A commits an addition, then
    B writes. B's new list must be computed inside its transaction, with A's record in
    it. The interleaving is forced: A writes just before B's transaction starts."""
    a, b = Store(work_db), Store(work_db)
    real_apply = store_api.apply_changes
    between: list[tuple[str, str]] = []  # (item, url) A adds right before B's next write

    def apply_changes(conn, unit, changes, source, now=None):
        if conn is b.conn and between:
            item, url = between.pop()
            assert a.add_evidence(UNIT, item, url, source="tui-a")
        return real_apply(conn, unit, changes, source, now)

    monkeypatch.setattr(store_api, "apply_changes", apply_changes)
    try:
        between.append((ITEM, "https://a.example.gov.cn/1"))
        b.add_evidence(UNIT, ITEM, "https://b.example.gov.cn/1", source="tui-b")
        between.append(("1.1.3-2", "https://a.example.gov.cn/2"))
        b.mark_done(UNIT, "1.1.3-2", ["https://b.example.gov.cn/2"], source="tui-b")
        # B removes the second record as B saw the list (its own); A adds one meanwhile
        assert [r["value"] for r in b.evidence(UNIT, ITEM)][1] == "https://b.example.gov.cn/1"
        between.append((ITEM, "https://a.example.gov.cn/3"))
        b.remove_evidence(UNIT, ITEM, 1, source="tui-b")
        assert between == []
    finally:
        a.close()
        b.close()

    def values(item):
        return [v for (v,) in query(work_db, "SELECT value FROM evidence WHERE item_id=? ORDER BY id", (item,))]

    assert values(ITEM) == ["https://a.example.gov.cn/1", "https://a.example.gov.cn/3"]
    assert values("1.1.3-2") == ["https://a.example.gov.cn/2", "https://b.example.gov.cn/2"]
    assert chain_problems(work_db) == []


def test_data_version_tells_of_other_writers_only(work_db, user):
    """The TUI refreshes when data_version changed (on focus or a key press): it changes
    when another connection commits, not for the TUI's own writes, and not by itself."""
    tui, cli = Store(work_db), Store(work_db)
    try:
        v0 = tui.data_version()
        assert tui.data_version() == v0  # nothing happened: no refresh, no polling needed
        tui.set_status(UNIT, [ITEM], "推进中", source="tui")
        assert tui.data_version() == v0  # its own write
        cli.mark_done(UNIT, "1.1.3-2", ["https://www.cqyz.gov.cn/x"])
        v1 = tui.data_version()
        assert v1 != v0
        assert tui.entry(UNIT, "1.1.3-2").status == "已完成"  # no stale cache in the store
        assert tui.data_version() == v1
    finally:
        tui.close()
        cli.close()


def hold_write_lock(db: Path) -> sqlite3.Connection:
    """Another writer in the middle of an action: BEGIN IMMEDIATE and a change, not committed."""
    holder = Store(db)
    holder.conn.execute("BEGIN IMMEDIATE")
    holder.conn.execute(
        "INSERT INTO progress (doc, item_id, unit, status, updated_at) VALUES (1, '1.1.5-1', ?, '推进中', 'x')", (UNIT,)
    )
    return holder


def test_cli_done_while_another_writer_holds_the_lock(work_db, tmp_path, user):
    before = snapshot(work_db)
    holder = hold_write_lock(work_db)
    try:
        proc = run_cli(
            "done",
            ITEM,
            "--unit",
            UNIT,
            "-e",
            "https://www.cqyz.gov.cn/a",
            "--note",
            "忙时写入",
            "--db",
            work_db,
            cwd=tmp_path,
            env={"GONGKAI_BUSY_TIMEOUT_MS": "300"},
        )
        message = assert_child_user_error(proc, "数据库正忙", "未写入任何更改")
        assert message.startswith("错误:数据库正忙")
        assert "locked" not in proc.stdout
        # that the short timeout was used, not the 5 s default: benchmarks/busy_waits.py
        assert snapshot(work_db) == before  # the CLI wrote nothing; the holder's change is not visible
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert snapshot(work_db) == before
    assert integrity(work_db) == "ok"
    # the lock gone, the same command goes through
    again = run_cli("done", ITEM, "--unit", UNIT, "--db", work_db, cwd=tmp_path, env={"GONGKAI_BUSY_TIMEOUT_MS": "300"})
    assert again.returncode == 0, again.stderr
    assert query(work_db, "SELECT status FROM progress WHERE item_id=?", (ITEM,)) == [("已完成",)]


def test_cli_waits_for_a_short_write_to_finish(work_db, tmp_path, user):
    """Within the busy timeout the CLI waits instead of failing: both changes are kept."""
    holder = hold_write_lock(work_db)
    try:
        proc = subprocess.Popen(
            [*CLI, "done", ITEM, "--unit", UNIT, "--db", str(work_db)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=child_env(GONGKAI_BUSY_TIMEOUT_MS="20000"),
        )
        time.sleep(0.6)  # the CLI starts and waits on the lock meanwhile
        assert proc.poll() is None
        holder.conn.execute("COMMIT")
        out, err = proc.communicate(timeout=30)
    finally:
        if holder.conn.in_transaction:
            holder.conn.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 0, err
    assert out.strip() == f"{ITEM} 已完成(缺佐证)"
    assert dict(query(work_db, "SELECT item_id, status FROM progress")) == {"1.1.5-1": "推进中", ITEM: "已完成"}


WRITER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from tui.store import Store
    db, who, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = Store(db)
    done = []
    for i in range(n):
        if i % 2:
            action = store.add_evidence("渝中区", "1.1.3-1", f"https://{who}.example.gov.cn/{i}", source=who)
        else:
            action = store.set_fields("渝中区", "1.1.3-1", {"note": f"{who}-{i}"}, source=who)
        done.append(action)
    store.close()
    print(json.dumps(done), flush=True)
""")


def test_two_processes_writing_the_same_item(work_db, tmp_path, user):
    """Two real processes, 40 actions each on one item, at the same time."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    n = 40
    procs = {
        who: subprocess.Popen(
            [sys.executable, str(script), str(work_db), who, str(n)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=child_env(),
        )
        for who in ("tui-a", "cli-b")
    }
    results = {who: p.communicate(timeout=120) for who, p in procs.items()}
    for who, (out, err) in results.items():
        assert procs[who].returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        assert all(json.loads(out))  # every action wrote
    values = [v for (v,) in query(work_db, "SELECT value FROM evidence WHERE item_id=?", (ITEM,))]
    expected = {f"https://{who}.example.gov.cn/{i}" for who in procs for i in range(1, n, 2)}
    assert sorted(values) == sorted(expected)  # no evidence lost to the other writer
    per_source = dict(query(work_db, "SELECT source, count(DISTINCT action_id) FROM history GROUP BY source"))
    assert per_source == {"tui-a": n, "cli-b": n}
    assert query(work_db, "SELECT count(DISTINCT action_id) FROM history") == [(2 * n,)]
    assert chain_problems(work_db) == []
    assert integrity(work_db) == "ok"
