"""下级报送 received one file at a time (the roll-up screen's `m`, issue #25 item 4): one
sub-unit's 任务清单 workbook, or every workbook in a folder (forty departments' files at 5 pm).
Each file is taken alone: read and checked whole, then its reports stored in one transaction
(store/sub_reports.py), so a bad file among forty is refused with why (the file, sheet and
cell its reader names) and writes nothing, while the others are imported. Each file is said
in lines: imported (how many written, the same, older), what was left out, or refused.
`gongkai-tui import` takes the files it is given together (all or nothing); both store a
report through `store_report`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import user_message
from ..store import Store
from ..store.sub_reports import Received
from .rollup_import import SubReport

SUFFIXES = (".xlsx", ".ods")  # what `import` reads (an .ods is converted first)


def workbooks_in(path: Path) -> list[Path]:
    """The file itself, or the workbooks in a folder (not its subfolders; not the `~$…` lock
    files Excel and WPS leave, nor hidden files), by name."""
    if not path.is_dir():
        return [path]
    return sorted(
        (
            p
            for p in path.iterdir()
            if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")) and p.is_file()
        ),
        key=lambda p: p.name,
    )


def store_report(store: Store, got: SubReport) -> Received:
    """One sub-unit's report stored in the assigning unit's document (one transaction)."""
    store.use_document(got.doc)
    return store.save_sub_reports(
        got.unit,
        got.sub_unit,
        got.reports,
        str(got.file),
        got.sha256,
        got.exported_at,
        got.source_db,
        got.source_version,
    )


def received_text(got: SubReport, received: Received) -> str:
    older = f",{received.older} 项比已收到的旧、未采用" if received.older else ""
    return (
        f"收到 {got.sub_unit} 对 {got.unit} 分解的 {len(got.reports)} 项的报送:"
        f"新写入 {received.written} 项,与已收到的相同 {received.same} 项{older}"
    )


@dataclass
class FileOutcome:
    file: Path
    imported: bool  # some report of it stored (or as stored already); False: nothing written
    lines: list[str] = field(default_factory=list)  # what is said of it, after its name


def receive_file(store: Store, file: Path, members: Mapping[str, str] | None = None) -> FileOutcome:
    """Read, check and store one file's reports; an expected failure (an unreadable file, a
    locked database) is its refusal, in the words `user_message` gives everywhere; anything
    else is a bug and goes up."""
    from .importer import plan_import

    try:
        plan = plan_import(store, [file], members=members)
        if plan.errors:
            more = plan.problem_count - len(plan.errors)
            return FileOutcome(file, False, plan.errors + ([f"另有 {more} 处问题"] if more > 0 else []))
        if plan.files:  # the unit's own 任务清单, or a document this database has no breakdown of
            unit = plan.files[0].unit
            return FileOutcome(
                file,
                False,
                [
                    f"这是「{unit}」自己的任务清单,不是下级单位对本单位分解事项的报送,没有导入"
                    "(导入本单位自己的修改:gongkai-tui import)"
                ],
            )
        lines = []
        for got in plan.reports:
            lines.append(received_text(got, store_report(store, got)))
            lines += [f"未导入:{line}" for line in got.left_out]
        return FileOutcome(file, True, lines)
    except Exception as e:  # noqa: BLE001 - an expected failure is this file's refusal; a bug goes up
        text = user_message(e)
        if text is None:
            raise
        return FileOutcome(file, False, [text])


def receive_all(path: Path, files: list[Path], doc: int, members: Mapping[str, str] | None = None) -> list[FileOutcome]:
    """Every file received in turn, each on its own (store at `path`, document `doc`)."""
    out = []
    with Store(path, doc=f"#{doc}") as store:
        for file in files:
            out.append(receive_file(store, file, members))
    return out
