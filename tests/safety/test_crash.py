"""Crash safety (issue point 3): a process writing progress in a loop is SIGKILLed many
times; afterwards PRAGMA integrity_check is ok, every change the child reported as
committed is there, and no action is partly there.

The child loops over two kinds of action, each writing a known number of history lines:
- `bulk`: set_status on GROUP items, flipping 推进中 ↔ 已完成 → status + done_date per
  item, 2 × len(GROUP) lines;
- `fields`: set_fields with four fields whose values carry a fresh tag → 4 lines.
It prints `<action id> <kind> <tag>` after each commit, flushed, and is killed at random
moments, many of them in the middle of an action.

The safeguard is the transaction around each action (tui.store.progress.apply_batches)
together with SQLite's journal. `test_the_check_catches_writes_outside_a_transaction`
runs the same child with BEGIN/COMMIT turned into no-ops: the same check then finds
partial actions — proof that the main test would fail without the safeguard.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

from tui.store import Store

from .conftest import child_env, integrity, query

UNIT = "各区县政府"
FIELDS = ("requirement", "office", "person", "note")

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tui.store import Store

    db, unit, run, unsafe = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "unsafe"
    group, singles = sys.argv[5].split(","), sys.argv[6].split(",")
    FIELDS = ("requirement", "office", "person", "note")
    store = Store(db)
    if unsafe:  # the mutant: every statement commits on its own
        class NoTransactions:
            in_transaction = False
            def __init__(self, conn):
                self._conn = conn
            def execute(self, sql, *args):
                if sql.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
                    return self._conn.execute("SELECT 1")
                return self._conn.execute(sql, *args)
            def __getattr__(self, name):
                return getattr(self._conn, name)
        store.conn = NoTransactions(store.conn)
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        tag = f"{run}-{i}"
        if i % 2:
            status = "推进中" if store.entry(unit, group[0]).status == "已完成" else "已完成"
            action = store.set_status(unit, group, status, source=f"crash:bulk:{tag}")
            kind = "bulk"
        else:
            item = singles[i // 2 % len(singles)]
            action = store.set_fields(unit, item, {f: f"{f}-{tag}" for f in FIELDS}, source=f"crash:fields:{tag}")
            kind = "fields"
        print(action, kind, tag, flush=True)
""")


def prepare(db: Path) -> tuple[list[str], list[str]]:
    """GROUP items all 推进中 (so every flip writes exactly 2 lines per item), and singles."""
    with Store(db) as store:
        ids = [e.id for e in store.checklist(UNIT)]
        group, singles = ids[:24], ids[24:30]
        store.set_status(UNIT, group, "推进中", source="setup")
    return group, singles


def run_and_kill(
    db: Path, script: Path, group, singles, kills: int, seed: int, unsafe: bool = False, stop=None
) -> list[tuple[int, str, str]]:
    """Start the child `kills` times, SIGKILL it at a random moment; the reported commits."""
    rng = random.Random(seed)
    reported = []
    for run in range(kills):
        proc = subprocess.Popen(
            [
                sys.executable,
                str(script),
                str(db),
                UNIT,
                f"r{run}",
                "unsafe" if unsafe else "safe",
                ",".join(group),
                ",".join(singles),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=child_env(),
        )
        try:
            first = proc.stdout.readline()
            assert first.strip() == "ready", (first, proc.stderr.read() if proc.poll() is not None else "")
            # let it commit a few actions (0 now and then: killed in its very first one),
            # then kill it a random moment later — on a busy machine as on an idle one
            seen = [proc.stdout.readline() for _ in range(rng.choice([0, 1, 2, 3, 5, 8]))]
            _wait_or_exit(proc, rng.uniform(0, 0.05))
            proc.send_signal(signal.SIGKILL)
            # the rest through the same text stream `readline` read from: `communicate` reads the
            # pipe's descriptor and misses what `readline` had already buffered past its line
            # (a report then began mid-line, `ds r3-4`, one run in a few hundred)
            out, err = proc.stdout.read(), proc.stderr.read()
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == -signal.SIGKILL, err  # it was still writing when killed
        lines = [*seen, *out.splitlines()]
        if out and not out.endswith("\n") and len(lines[-1].split()) != 3:
            lines.pop()  # the kill cut the child's last report mid-write: that action was not reported
        for line in lines:
            action, kind, tag = line.split()
            reported.append((int(action), kind, tag))
        if stop is not None and stop():
            break
    return reported


def _wait_or_exit(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return
    raise AssertionError(f"the writer stopped by itself: {proc.stderr.read()}")


def problems(db: Path, group: list[str], reported) -> list[str]:
    """Everything that would show a lost or half-written action."""
    found = []
    lines = defaultdict(list)
    for action, source, item, field, old, new in query(
        db, "SELECT action_id, source, item_id, field, old, new FROM history WHERE source LIKE 'crash:%' ORDER BY id"
    ):
        lines[action].append((source, item, field, old, new))
    # every action in the file is whole
    for action, rows in lines.items():
        sources = {r[0] for r in rows}
        if len(sources) != 1:
            found.append(f"action {action}: lines of several sources {sources}")
            continue
        _, kind, tag = next(iter(sources)).split(":", 2)
        if kind == "bulk":
            want = sorted((item, f) for item in group for f in ("status", "done_date"))
        else:
            want = sorted((rows[0][1], f) for f in FIELDS)
        got = sorted((r[1], r[2]) for r in rows)
        if got != want:
            found.append(f"action {action} ({kind} {tag}): {len(got)} of {len(want)} lines")
    # every reported commit is there, as the child reported it
    for action, kind, tag in reported:
        rows = lines.get(action)
        if not rows:
            found.append(f"reported action {action} ({kind} {tag}) is missing")
        elif rows[0][0] != f"crash:{kind}:{tag}":
            found.append(f"reported action {action} is {rows[0][0]}, not crash:{kind}:{tag}")
    # the progress table is what the history says, field by field
    last = {}
    for unit, item, field, new in query(db, "SELECT unit, item_id, field, new FROM history ORDER BY id"):
        last[(unit, item, field)] = new
    for (unit, item, field), new in last.items():
        [(value,)] = query(db, f"SELECT {field} FROM progress WHERE unit=? AND item_id=?", (unit, item))
        if value != new:
            found.append(f"progress {item}.{field} = {value!r}, history says {new!r}")
    # all GROUP items flipped together; each single's four fields come from one action
    statuses = {
        s
        for (s,) in query(
            db,
            f"SELECT status FROM progress WHERE unit=? AND item_id IN ({','.join('?' * len(group))})",
            (UNIT, *group),
        )
    }
    if len(statuses) != 1:
        found.append(f"group statuses differ: {statuses}")
    for row in query(
        db, "SELECT item_id, requirement, office, person, note FROM progress WHERE requirement IS NOT NULL"
    ):
        # a field the action has not reached yet is NULL: a partial action, not a checker crash
        tags = {v.split("-", 1)[1] if v is not None else None for v in row[1:]}
        if len(tags) != 1:
            found.append(f"{row[0]}: fields from several actions {tags}")
    return found


def write_child(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(CHILD, encoding="utf-8")
    return script


def test_sigkill_while_writing_loses_nothing_committed_and_leaves_nothing_partial(work_db, tmp_path):
    group, singles = prepare(work_db)
    script = write_child(tmp_path)
    reported = run_and_kill(work_db, script, group, singles, kills=20, seed=2021)

    assert integrity(work_db) == "ok"
    assert len(reported) >= 20, "the writer should have committed some actions"
    assert {kind for _, kind, _ in reported} == {"bulk", "fields"}
    assert len({a for a, _, _ in reported}) == len(reported)  # action ids are never reused
    assert problems(work_db, group, reported) == []
    # and the database is fully usable afterwards
    with Store(work_db) as store:
        assert store.set_status(UNIT, group, "未开始") is not None
    assert integrity(work_db) == "ok"


def test_the_check_catches_writes_outside_a_transaction(work_db, tmp_path):
    """The mutant child commits statement by statement. A kill in the middle of an action
    then leaves part of it behind, and `problems` reports it (within a few kills: the
    child spends nearly all its time inside actions)."""
    group, singles = prepare(work_db)
    script = write_child(tmp_path)
    found: list[str] = []

    def stop():
        found[:] = problems(work_db, group, [])
        return bool(found)

    run_and_kill(work_db, script, group, singles, kills=40, seed=7, unsafe=True, stop=stop)
    assert found, "killing a writer without transactions should leave a partial action"
    assert integrity(work_db) == "ok"  # SQLite itself stays sound: the damage is logical
