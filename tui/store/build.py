"""Build the pristine database from a 任务分工 document (`gongkai-tui build-db`)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import replacing
from ..errors_text import os_error_text
from .. import ooxml
from .. import units as unitlib
from ..source import Document, read_document
from ..source.readers import MAX_BYTES
from ..source.table import Note, Origin
from .db import data_dir
from .errors import StoreError
from .pinyin import spell, text_initials
from .schema import create_schema


def read_source(path: Path) -> bytes:
    """The bytes of a breakdown file, refusing what is not a regular file."""
    try:
        if not path.exists():
            raise StoreError(f"找不到源文件:{path}")
        if not path.is_file():
            raise StoreError(f"{path} 不是普通文件(目录、管道或设备),无法作为任务分工读取")
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:  # its real size: reading MAX_BYTES + 1 bytes would show 20.0 MB
                raise StoreError(
                    f"源文件 {path} 有 {ooxml.size_text(size)},超过任务分工文件的上限 {MAX_BYTES // ooxml.MB} MB,未读取"
                )
            return f.read(MAX_BYTES + 1)  # the reader refuses anything bigger, naming the limit
    except OSError as e:
        raise StoreError(f"无法读取源文件 {path}:{os_error_text(e)}") from None


@dataclass
class BuildReport:
    """What `build-db` prints: the document, counts, units by kind, and every note."""

    document: Document
    level: str
    units_by_kind: dict[str, int]
    notes: list  # source.table.Note, in document order
    tables: "unitlib.UnitTables"  # every unit the database will hold, its members and aliases
    canonical: dict[str, str]  # unit name as written → the unit it is
    leftovers: list[Path] = field(default_factory=list)  # a killed build's temporary files, removed

    @property
    def warnings(self) -> list:
        return [n for n in self.notes if n.severity == "warning"]


def load_members(catalogue: Path | None):
    """The shipped member catalogue, merged with the user's: the given file, else
    `单位目录.txt` in the data directory if there is one."""
    try:
        if catalogue is None:
            return unitlib.members_in_force(data_dir())
        if not catalogue.is_file():
            raise StoreError(f"找不到单位目录文件:{catalogue}")
        return unitlib.merge(unitlib.shipped_catalogue(), unitlib.load_catalogue_file(catalogue))
    except unitlib.CatalogueError as e:
        raise StoreError(str(e)) from None
    except UnicodeDecodeError:
        raise StoreError(
            f"单位目录文件不是 UTF-8 编码:{catalogue or unitlib.user_catalogue_path(data_dir())}"
        ) from None
    except OSError as e:
        raise StoreError(f"无法读取单位目录文件:{os_error_text(e)}({e.filename})") from None


class WarningsRefused(StoreError):
    """`build-db --strict` on a document with warnings: nothing was written."""

    def __init__(self, report: "BuildReport"):
        self.report = report
        super().__init__(f"有 {len(report.warnings)} 条警告(--strict),没有生成数据库")


def build_database(
    source: Path, out: Path, catalogue: Path | None = None, strict: bool = False, year: int | None = None
) -> BuildReport:
    """Read `source` (.txt, .docx, .xlsx, .html) and write a fresh database to `out`,
    replacing it atomically. With `strict`, a document with warnings is refused first."""
    data, report = read_and_plan(source, catalogue, strict, year)
    if out.is_dir():
        raise StoreError(f"输出路径 {out} 是一个目录,不是数据库文件")
    out.parent.mkdir(parents=True, exist_ok=True)
    report.leftovers = remove_leftovers(out)
    with replacing(out, tmp=out.with_name(f".{out.name}.build-{os.getpid()}")) as tmp:
        conn = sqlite3.connect(tmp)
        try:
            create_schema(conn)
            write_document(conn, 1, report, source.name, hashlib.sha256(data).hexdigest())
            conn.commit()
        finally:
            conn.close()
    return report


def remove_leftovers(out: Path) -> list[Path]:
    """Remove the temporary files (`.NAME.build-PID` and its `-journal`, `-wal`, `-shm`) that
    a build of `out` killed before it could clean up left behind — only those whose process
    is gone: a build still running keeps its own. Returns the files removed."""
    pattern = re.compile(re.escape(f".{out.name}.build-") + r"(\d+)(-journal|-wal|-shm)?")
    removed: list[Path] = []
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return removed
    for entry in sorted(entries):
        m = pattern.fullmatch(entry.name)
        if m is None or _alive(int(m.group(1))) or not entry.is_file() or entry.is_symlink():
            continue
        try:
            entry.unlink()
        except OSError:
            continue  # not ours to remove (another user's folder): left as it is
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine): a build's files are its own."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        import ctypes

        # windll exists on Windows only; mypy reads os.name as any platform's
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or an id we cannot ask about: keep its files
    return True


def read_and_plan(
    source: Path, catalogue: Path | None, strict: bool, year: int | None = None, need_year: bool = True
) -> tuple[bytes, BuildReport]:
    """Read and interpret a breakdown file; with `strict`, refuse one with warnings. `year`:
    the document's year when its text does not say it; a document of no known year is
    refused (its deadlines `6月底前` would have no year) unless not `need_year`."""
    data = read_source(source)
    document = read_document(data, source.name, year)
    if need_year and document.year is None:
        raise StoreError(
            f"{source.name} 中找不到年度(标题、文号和成文日期都没有写明):请用 --year 2026 指定,数据库未改动"
        )
    report = plan_units(document, load_members(catalogue))
    if strict and report.warnings:
        raise WarningsRefused(report)
    return data, report


def plan_units(doc: Document, members) -> BuildReport:
    """The document's units in the database: kinds, members, aliases; and the notes to report."""
    found_level = unitlib.document_level(doc.issuer)
    notes = list(doc.notes)
    place = unitlib.title_place(doc.title) if found_level is None else None
    if place is not None and (found_level := unitlib.place_level(place)) is not None:
        notes.append(
            Note(
                Origin(),
                "level_from_title",
                f"发文单位「{doc.issuer or '(未找到)'}」看不出文件层级:按标题开头的「{place}」定为「{found_level}」级",
            )
        )
    level = found_level or "市"
    if found_level is None:
        notes.append(
            Note(
                Origin(),
                "level_assumed",
                f"无法从发文单位「{doc.issuer or '(未找到)'}」判断文件层级,按「市」处理",
                "warning",
            )
        )
    canonical = {n: unitlib.canonical(n, members) for n in doc.units()}
    for written, name in canonical.items():
        if written != name:
            notes.append(Note(Origin(), "unit_alias", f"「{written}」按单位目录中的「{name}」读取"))
    canonical, spellings = _one_name_per_collective(canonical, level, notes)
    tables = unitlib.unit_tables(
        list(dict.fromkeys(canonical.values())), level, unitlib.document_place(doc.issuer), members
    )
    _spellings_as_aliases(spellings, tables)
    for name in tables.empty_collectives:
        notes.append(
            Note(
                Origin(),
                "empty_collective",
                f"统称「{name}」没有成员名单,其成员看不到这些任务;请在单位目录"
                f"({unitlib.user_catalogue_path(data_dir())})中列出,或用 --catalogue 指定",
                "warning",
            )
        )
    notes += _members_only_named(tables, level)
    _note_aliases(doc, canonical, tables, notes)
    kinds: dict[str, int] = {}
    for spec in tables.specs:
        if spec.in_document:
            kinds[spec.kind] = kinds.get(spec.kind, 0) + 1
    return BuildReport(doc, level, kinds, notes, tables, canonical)


def _one_name_per_collective(
    canonical: dict[str, str], level: str, notes: list
) -> tuple[dict[str, str], dict[str, str]]:
    """各镇街, 各镇人民政府、街道办事处, 各镇(街道) … in one document are one collective under its
    first spelling; a collective that may or may not be the same (各街道 beside 各镇街) stays apart,
    with a warning naming both. Returns the new written → unit map and the merged spellings."""
    from ..units.synonyms import collective_names

    merged, doubts = collective_names(list(dict.fromkeys(canonical.values())), level)
    spellings: dict[str, str] = {}
    for name, unit in merged.items():
        if name != unit:
            spellings[name] = unit
            notes.append(Note(Origin(), "collective_spelling", f"「{name}」与「{unit}」是同一统称,按「{unit}」记录"))
    for written, name in canonical.items():  # 各街道 = 各镇街 in the catalogue, 各镇街 kept as another spelling
        if merged[name] != name:
            spellings.setdefault(written, merged[name])
    for d in doubts:
        notes.append(
            Note(
                Origin(),
                "collective_apart",
                f"统称「{d.name}」与「{d.beside}」分开记录:{d.why}。如指同一统称,请在单位目录"
                f"({unitlib.user_catalogue_path(data_dir())})的 [别名] 下写「{d.name} = {d.beside}」",
                "warning",
            )
        )
    return {written: merged[name] for written, name in canonical.items()}, spellings


def _spellings_as_aliases(spellings: dict[str, str], tables) -> None:
    """`--unit 各镇(街道)` finds the collective kept under another spelling."""
    taken = {a for a, _ in tables.aliases} | {spec.name for spec in tables.specs}
    tables.aliases.extend((name, unit) for name, unit in spellings.items() if name not in taken)
    tables.aliases.sort()


def _note_aliases(doc: Document, canonical: dict[str, str], tables, notes: list) -> None:
    """`省编办(省审改办)`: the name in the bracket is the same office under its other name, so
    `--unit 省审改办` finds 省编办. Only a note that reads as a unit name and names no unit of
    the document, nor an alias already taken, becomes one."""
    from ..source.unitcells import looks_like_unit_name

    taken = {a for a, _ in tables.aliases} | {spec.name for spec in tables.specs}
    for row in doc.rows:
        for written, note in row.unit_notes.items():
            name = canonical.get(written, written)
            if note in taken or not looks_like_unit_name(note) or note.startswith("按"):
                continue
            tables.aliases.append((note, name))
            taken.add(note)
            notes.append(Note(Origin(), "unit_alias", f"「{note}」(「{written}」后括号中的名称)也指「{name}」"))
    tables.aliases.sort()


def _members_only_named(tables, level: str) -> list[Note]:
    """A collective of subordinate governments (各镇街…) whose members are only the ones the
    document happens to name: the others would not see its rows, so say so."""
    in_document = {s.name for s in tables.specs if s.in_document}
    out = []
    for spec in tables.specs:
        cls = unitlib.collective_class(spec.name, level) if spec.kind == unitlib.COLLECTIVE else None
        if cls is None or cls.group not in unitlib.GOVERNMENT_GROUPS or spec.name in tables.empty_collectives:
            continue
        members = [m for m, c, _ in tables.memberships if c == spec.name]
        if members and all(m in in_document for m in members):
            out.append(
                Note(
                    Origin(),
                    "members_only_named",
                    f"统称「{spec.name}」的成员只有文件中点名的 {len(members)} 个({'、'.join(members[:6])}"
                    f"{'…' if len(members) > 6 else ''});其余成员看不到这些任务,请在单位目录"
                    f"({unitlib.user_catalogue_path(data_dir())})中列出",
                    "warning",
                )
            )
    return out


def _row_units(doc_id: int, doc: Document, canonical: dict[str, str]) -> list[dict]:
    """Each row's units by role; a unit written twice in one role (各镇街 and 各镇(街道), one
    collective) is stored once, where it is first written."""
    out, seen = [], set()
    for r in doc.rows:
        for role, names in (("牵头", r.lead_units), ("责任", r.responsible_units), ("配合", r.cooperating_units)):
            for pos, name in enumerate(names):
                unit = canonical[name]
                if (r.id, role, unit) in seen:
                    continue
                seen.add((r.id, role, unit))
                out.append(
                    {
                        "doc": doc_id,
                        "row_id": r.id,
                        "unit": unit,
                        "role": role,
                        "position": pos,
                        "written": name if unit != name else None,
                    }
                )
    return out


def _insert(conn: sqlite3.Connection, table: str, rows) -> None:
    rows = list(rows)
    if rows:
        cols = list(rows[0])
        conn.executemany(
            f"INSERT INTO [{table}] ({','.join(f'[{c}]' for c in cols)}) VALUES ({','.join('?' * len(cols))})",
            [[r[c] for c in cols] for r in rows],
        )


def text_hash(group: str | None, text: str) -> str:
    """What `migrate-progress` and `load --revises` match items on: the exact text."""
    return hashlib.sha256(((group or "") + "\n" + text).encode("utf-8")).hexdigest()


def write_document(
    conn: sqlite3.Connection, doc_id: int, report: BuildReport, source_name: str, sha: str, loaded_at: str | None = None
) -> None:
    """Insert one document's structure and units under `doc_id` (the caller's transaction)."""
    doc = report.document
    _insert(
        conn,
        "document",
        [
            {
                "id": doc_id,
                "number": doc.number,
                "title": doc.title,
                "table_title": doc.table_title,
                "issued": doc.issued,
                "source_name": source_name,
                "source_sha256": sha,
                "year": doc.year,
                "issuer": doc.issuer,
                "level": report.level,
                "loaded_at": loaded_at,
                "columns": json.dumps(doc.columns, ensure_ascii=False) if doc.columns else None,
                "upper": json.dumps(doc.upper, ensure_ascii=False) if doc.upper else None,
            }
        ],
    )
    sections = []
    for pos, s in enumerate(doc.sections):
        sections.append(
            {
                "doc": doc_id,
                "id": s.id,
                "parent": None,
                "level": 1,
                "numeral": s.numeral,
                "title": s.title,
                "line": s.line,
                "position": pos,
            }
        )
        for sub_pos, sub in enumerate(s.subsections):
            sections.append(
                {
                    "doc": doc_id,
                    "id": sub.id,
                    "parent": s.id,
                    "level": 2,
                    "numeral": sub.numeral,
                    "title": sub.title,
                    "line": sub.line,
                    "position": sub_pos,
                }
            )
    # Rows placed before any subsection heading get a placeholder subsection `S.0`.
    known = {s["id"] for s in sections}
    for row in doc.rows:
        if row.subsection_id not in known:
            known.add(row.subsection_id)
            sections.append(
                {
                    "doc": doc_id,
                    "id": row.subsection_id,
                    "parent": row.section_id,
                    "level": 2,
                    "numeral": "",
                    "title": "",
                    "line": row.first_line,
                    "position": -1,
                }
            )
    _insert(conn, "sections", sections)
    _insert(
        conn,
        "rows",
        (
            {
                "doc": doc_id,
                "id": r.id,
                "section_id": r.section_id,
                "subsection_id": r.subsection_id,
                "position": pos,
                "first_line": r.first_line,
                "last_line": r.last_line,
                "path_note": r.path_note,
                "requirement": r.requirement,
                "deadline_text": r.deadline_text,
                "unit_notes": json.dumps(r.unit_notes, ensure_ascii=False) if r.unit_notes else None,
            }
            for pos, r in enumerate(doc.rows)
        ),
    )
    _insert(
        conn,
        "items",
        (
            {
                "doc": doc_id,
                "id": it.id,
                "row_id": r.id,
                "label": it.label,
                "position": pos,
                "text": it.text,
                "grp": it.group,
                "disclosure_paths": json.dumps(it.disclosure_paths, ensure_ascii=False),
                "deadline": it.deadline,
                "relative_deadline": it.relative_deadline,
                "line": it.line,
                "text_hash": text_hash(it.group, it.text),
                "initials": text_initials((it.group or "") + it.text),
            }
            for r in doc.rows
            for pos, it in enumerate(r.items)
        ),
    )
    unit_rows = []
    for pos, s in enumerate(report.tables.specs):
        py, ini = spell(s.name)
        unit_rows.append(
            {
                "doc": doc_id,
                "name": s.name,
                "kind": s.kind,
                "level": s.level,
                "in_document": int(s.in_document),
                "position": pos,
                "pinyin": py,
                "initials": ini,
            }
        )
    _insert(conn, "units", unit_rows)
    alias_rows = []
    for alias, unit in report.tables.aliases:
        py, ini = spell(alias)
        alias_rows.append({"doc": doc_id, "alias": alias, "unit": unit, "pinyin": py, "initials": ini})
    _insert(conn, "aliases", alias_rows)
    _insert(
        conn,
        "memberships",
        ({"doc": doc_id, "member": m, "collective": c, "how": how} for m, c, how in report.tables.memberships),
    )
    _insert(conn, "row_units", _row_units(doc_id, doc, report.canonical))
    _insert(
        conn,
        "repairs",
        (
            {"doc": doc_id, "line": rp.line, "kind": rp.kind, "before": rp.before, "after": rp.after, "note": rp.note}
            for rp in doc.repairs
        ),
    )
    _insert(
        conn,
        "build_notes",
        (
            {"doc": doc_id, "place": str(n.origin), "kind": n.kind, "severity": n.severity, "message": n.message}
            for n in report.notes
        ),
    )
