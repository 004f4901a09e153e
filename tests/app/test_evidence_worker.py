"""File evidence is hashed once, in a worker thread, never on the UI thread; a large file
shows a progress bar while the screen keeps answering keys."""

from __future__ import annotations

import hashlib
import threading

import tui.store.api as store_api
import tui.store.evidence as store_evidence
from tui.app import evidence_files
from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import TextPrompt
from tui.app.hashing import HashingBar
from tui.store import Store

from .type_keys import type_text

SIZE = (120, 36)


def evidence_records(work_db, item, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return store.evidence(unit, item), store.entry(unit, item)


def watch_hashing(monkeypatch):
    """Record every fingerprint call's thread, and fail if the store hashes a file itself."""
    calls = []
    real = evidence_files.fingerprint

    def spy(value, progress=None, cancelled=None):
        calls.append(threading.current_thread() is threading.main_thread())
        return real(value, progress, cancelled)

    def no_file_hashing(value, *args, **kwargs):
        # A file is only ever handed over with the fingerprint the worker computed.
        assert not evidence_files.is_file_value(value) or kwargs.get("fingerprint"), f"the store hashed {value} again"
        return store_evidence.make_evidence(value, *args, **kwargs)

    monkeypatch.setattr(evidence_files, "fingerprint", spy)
    monkeypatch.setattr(store_api, "make_evidence", no_file_hashing)
    monkeypatch.setattr(evidence_files, "make_evidence", no_file_hashing)
    return calls


async def test_a_file_is_hashed_once_in_a_worker(make_app, work_db, tmp_path, monkeypatch):
    calls = watch_hashing(monkeypatch)
    path = tmp_path / "公开目录截图.png"
    path.write_bytes(b"\x89PNG" + bytes(range(256)) * 4000)
    monkeypatch.chdir(tmp_path)  # the name is typed, not the whole path (typing is slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await type_text(pilot, path.name)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        second = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await type_text(pilot, path.name)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.crash is None
        await pilot.press("z")  # mark done + evidence is one undo step
        await pilot.pause()
        records, entry = evidence_records(work_db, second)
        assert (records, entry.status) == ([], "未开始")
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert calls == [False, False]  # once per file added, never on the main thread
    want = hashlib.sha256(path.read_bytes()).hexdigest()
    for item in (first, second):
        records, entry = evidence_records(work_db, item)
        assert [(r["kind"], r["value"], r["size"], r["sha256"]) for r in records] == [
            ("file", str(path.resolve()), path.stat().st_size, want)
        ]
    assert evidence_records(work_db, second)[1].status == "已完成"
    assert not evidence_records(work_db, second)[1].missing_evidence


async def test_a_large_file_shows_progress_and_the_screen_stays_responsive(make_app, work_db, tmp_path, monkeypatch):
    release = threading.Event()
    started = threading.Event()
    real = evidence_files.fingerprint

    def slow(value, progress=None, cancelled=None):
        started.set()
        progress(1, 2)
        assert release.wait(20), "the test never released the worker"
        return real(value, progress, cancelled)

    monkeypatch.setattr(evidence_files, "fingerprint", slow)
    monkeypatch.setattr(evidence_files, "LARGE", 1)  # every file counts as large here
    path = tmp_path / "会议纪要[b]x.pdf"
    path.write_bytes(b"%PDF" * 1000)
    monkeypatch.chdir(tmp_path)  # the name is typed, not the whole path (typing is slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        item = view.current.id
        await pilot.press("e")
        await type_text(pilot, path.name)
        await pilot.press("enter")
        assert started.wait(10)
        await pilot.pause(0.2)
        bars = list(app.screen.query(HashingBar))
        assert len(bars) == 1 and "会议纪要[b]x.pdf" in str(bars[0].query_one("Label").render())
        assert not isinstance(app.screen, TextPrompt)
        await pilot.press("down")  # the UI thread is free while the file is read
        await pilot.pause()
        assert view.current.id != item
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not list(app.screen.query(HashingBar))
        assert app.crash is None
    records, _ = evidence_records(work_db, item)
    assert [r["value"] for r in records] == [str(path.resolve())]  # the item of the dialog, not the cursor's


async def test_a_file_that_vanishes_while_hashing_is_not_added(make_app, work_db, tmp_path, monkeypatch):
    real = evidence_files.fingerprint
    path = tmp_path / "临时.txt"
    path.write_text("x", encoding="utf-8")

    def vanish(value, progress=None, cancelled=None):
        result = real(value, progress, cancelled)
        path.unlink()
        return result

    monkeypatch.setattr(evidence_files, "fingerprint", vanish)
    monkeypatch.chdir(tmp_path)  # the name is typed, not the whole path (typing is slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await type_text(pilot, path.name)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.crash is None
        assert any("不是已存在的文件" in n.message for n in app._notifications)
    assert evidence_records(work_db, item)[0] == []


def test_the_dialog_check_never_reads_a_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    monkeypatch.setattr(evidence_files, "make_evidence", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert evidence_files.evidence_problem(str(path)) is None
    assert "不是已存在的文件" in evidence_files.evidence_problem(str(tmp_path / "无.txt"))
    assert "不是已存在的文件" in evidence_files.evidence_problem("资料[/b]")


def test_the_dialog_check_refuses_what_the_store_refuses(tmp_path):
    for value in ("ftp://x", "javascript:alert(1)", "https://", "a\x00b", "\ud800.txt", "  "):
        assert evidence_files.evidence_problem(value), value
    assert evidence_files.evidence_problem("https://www.cq.gov.cn/a") is None


def test_fingerprint_reports_progress_and_can_be_cancelled(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(b"a" * (3 * evidence_files.CHUNK + 5))
    seen = []
    size, digest = evidence_files.fingerprint(str(path), lambda n, t: seen.append((n, t)))
    assert (size, digest) == (path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    assert seen[-1] == (size, size) and len(seen) == 4
    assert evidence_files.fingerprint(str(path), cancelled=lambda: True) is None


async def test_the_detail_pane_marks_an_evidence_file_changed_since_added(make_app, work_db, tmp_path):
    from tui.app.detail import DetailPane
    from tui.store import Store

    path = tmp_path / "截图.png"
    path.write_bytes(b"\x89PNG original")
    with Store(work_db) as store:
        item = store.checklist("渝中区")[0].id  # the line the app opens on
        store.add_evidence("渝中区", item, str(path))
    path.write_bytes(b"\x89PNG edited afterwards")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen.query_one(DetailPane).text.plain
        assert str(path) in shown and "[已改动]" in shown
