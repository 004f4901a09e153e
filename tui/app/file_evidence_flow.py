"""File evidence on the main screen (`e` or `d` given a path): the file is hashed once, in a
worker, with a progress bar for a large one (hashing.py); the write follows when it is done,
to the unit and document the user was on when it started."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ..store import InputError, StoreError
from ..store.evidence import HASH_LIMIT_TEXT
from .background import worker_failures
from . import collectives
from .evidence_files import Fingerprint
from .key_footer import KeyFooter

if TYPE_CHECKING:
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class FileEvidenceFlow(MainScreenHost):
    """MainScreen's file hashing (a mixin: `self` is the MainScreen). Its messages keep the
    screen's name (`on_main_screen_fingerprinted`)."""

    _jobs: int = 0  # hashing jobs started: each progress bar knows its own

    @dataclass
    class Fingerprinted(Message, namespace="main_screen"):
        job: int
        unit: str
        item_id: str
        value: str
        done: bool  # also mark the item done
        fingerprint: Fingerprint | None  # None only with an error
        error: str | None = None
        doc: int | None = None  # the document the user was on (None: the store's)
        done_date: dt.date | None = None  # with `done`: the 完成时间 of the d dialog

    @dataclass
    class HashProgress(Message, namespace="main_screen"):
        job: int
        done: int
        total: int

    def fingerprint_evidence(self, item_id: str, value: str, done: bool, done_date: dt.date | None = None) -> None:
        """Hash the file in a worker; the write happens when it is done (on_main_screen_fingerprinted)."""
        from ..store.evidence import HASH_LIMIT
        from .evidence_files import LARGE
        from .hashing import HashingBar

        if collectives.needs_member(self.session):
            self.ask_member(lambda: self.fingerprint_evidence(item_id, value, done, done_date))
            return
        self._jobs += 1
        job = self._jobs
        try:
            size = Path(value.strip()).expanduser().stat().st_size
        except OSError:
            size = 0
        if LARGE <= size < HASH_LIMIT:  # a larger one is not read (store/evidence.py)
            bar = HashingBar(job, Path(value.strip()).name, size)
            self.mount(bar, before=self.query_one(KeyFooter))
        self._fingerprint(job, self.session.unit, item_id, value, done, self.session.store.doc, done_date)

    @work(thread=True, group="evidence")
    def _fingerprint(
        self, job: int, unit: str, item_id: str, value: str, done: bool, doc: int, done_date: dt.date | None = None
    ) -> None:
        from .evidence_files import fingerprint

        worker = get_current_worker()
        last = [0.0]

        def progress(n: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.1 or n >= total:
                last[0] = now
                self.post_message(self.HashProgress(job, n, total))

        def failed(text: str) -> None:
            self.post_message(self.Fingerprinted(job, unit, item_id, value, done, None, text, doc, done_date))

        with worker_failures(failed, "读取佐证文件"):
            fp = fingerprint(value, progress, lambda: worker.is_cancelled)
            if fp is not None:
                self.post_message(self.Fingerprinted(job, unit, item_id, value, done, fp, doc=doc, done_date=done_date))

    def on_main_screen_hash_progress(self, event: "FileEvidenceFlow.HashProgress") -> None:
        from .hashing import HashingBar

        for bar in self.query(HashingBar):
            if bar.job == event.job:
                bar.advance_to(event.done, event.total)

    def on_main_screen_fingerprinted(self, event: "FileEvidenceFlow.Fingerprinted") -> None:
        from .hashing import HashingBar

        for bar in self.query(HashingBar):
            if bar.job == event.job:
                bar.remove()
        if event.error:
            self.notify(event.error, title="未保存", severity="error", markup=False)
            return
        fp = event.fingerprint
        assert fp is not None  # sent without an error only with a fingerprint (_fingerprint)
        message = "已完成并添加佐证材料" if event.done else "已添加佐证材料"
        if fp[1] is None:
            message += f"(文件大于 {HASH_LIMIT_TEXT},只记下大小和添加时间,不计算校验值)"
        other_doc = event.doc is not None and event.doc != self.session.store.doc
        if event.unit != self.session.unit or other_doc:  # the user moved on while the file was read
            try:
                self.session.add_file_evidence(
                    event.item_id,
                    event.value,
                    fp,
                    unit=event.unit,
                    done=event.done,
                    doc=event.doc,
                    done_date=event.done_date,
                )
            except (InputError, StoreError) as e:
                self.notify(str(e), title="未保存", severity="error", markup=False)
            else:
                where = f"{self.document_number(event.doc)} " if other_doc else ""
                self.notify(f"{where}{event.unit} {event.item_id}:{message}", timeout=3, markup=False)
            return
        self.run_write(
            lambda: self.session.add_file_evidence(
                event.item_id, event.value, fp, unit=event.unit, done=event.done, done_date=event.done_date
            ),
            [event.item_id],
            message,
        )
