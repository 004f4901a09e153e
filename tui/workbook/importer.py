"""Plan an import: compare workbooks with the database and list the changes, or
the problems, before anything is written. Applying is one transaction (store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Store
from ..store.documents import label
from ..store.evidence import check_url, file_sha256
from ..store.progress import EVIDENCE_ADD, Batch, Change
from ..datetext import doubts
from ..store.unit_choice import MemberNeeded, UnitChoice, require_member
from .cells import CellProblem, LineValues, parse_date, read_line
from .evidence_cell import NOTE
from .layout import ABOUT_KEYS, BASELINE_SHEET, CHECKLIST_SHEET, REASON_PREFIX
from .merge import FIELD_LABELS, Conflict, merge_changes, report_base
from .reader import Problems, WorkbookData, WorkbookError, read_workbook
from .rollup_import import SubReport, sub_report
from .sheet_rows import leftover_lines
from .step_import import plan_steps
from ..store.step_rows import field_label, is_step_field
from .unit_origin import unit_doubts


@dataclass
class FilePlan:
    file: Path
    unit: str
    batch: Batch
    notes: list[str] = field(default_factory=list)  # normalisations worth reporting
    warnings: list[str] = field(default_factory=list)  # what a person should look at
    conflicts: list[Conflict] = field(default_factory=list)  # filled while the changes are applied
    exported_at: str | None = None
    sha256: str = ""
    source_db: str | None = None  # the working database the workbook was exported from
    source_version: int = 0
    doc: int = 0  # the document of the database its changes go to
    not_imported: list[str] = field(default_factory=list)  # lines left out, for a person to act on
    unit_doubts: list[str] = field(default_factory=list)  # 说明 names another unit than exported: ask


@dataclass
class ImportPlan:
    files: list[FilePlan]
    errors: list[str]  # every problem listed, each a full message naming file, sheet and cell
    problem_count: int = 0  # with those left out of the list (at most MAX_PROBLEMS are listed a file)
    reports: list[SubReport] = field(default_factory=list)  # sub-units' reports (rollup_import.py)

    @property
    def batches(self) -> list[Batch]:
        return [f.batch for f in self.files]

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for f in self.files for c in f.conflicts]

    @property
    def not_imported(self) -> list[str]:
        return [n for f in self.files for n in f.not_imported]

    @property
    def unit_doubts(self) -> list[str]:
        return [d for f in self.files for d in f.unit_doubts]


def _record(file: Path, now: str):
    """An evidence record for a URL or path found in a cell. A path that is a file on this
    machine is fingerprinted when it is small; one from another machine is kept, marked."""

    def make(kind: str, value: str) -> dict:
        caption = f"导入自 {file.name}"
        size = sha = None
        if kind == "file":
            try:
                p = Path(value).expanduser()
                if p.is_file():
                    size = p.stat().st_size
                    if size <= HASH_LIMIT:
                        sha = file_sha256(p)
                else:
                    caption += "(不在本机)"
            except OSError:
                caption += "(不在本机)"
        return {"kind": kind, "value": value, "caption": caption, "added_at": now, "size": size, "sha256": sha}

    return make


HASH_LIMIT = 64 * 1024 * 1024  # bigger files are added without a fingerprint during an import


def _check_urls(values: LineValues, address: str, problems: Problems) -> None:
    for url in values.urls:
        problem = check_url(url)
        if problem:
            problems.add(f"佐证材料「{url[:60]}」无效:{problem}", CHECKLIST_SHEET, address)


def _read_line(texts: dict, link: str | None, cells: dict, problems: Problems) -> LineValues | None:
    """The line's values, or None with every unreadable cell of it among the problems."""
    while True:
        try:
            return read_line(texts, link)
        except CellProblem as p:
            problems.add(str(p), CHECKLIST_SHEET, cells[p.key].address)
            if texts.get(p.key) is None:
                return None
            texts = {**texts, p.key: None}  # read the rest of the line without it


def _check_done_date(
    store: Store, file: Path, new: LineValues, e, base_texts: dict | None, cells: dict, now: str
) -> None:
    """A 完成时间 typed into the workbook after today or before the document's issue date is
    refused, naming the cell: an import has no one to ask (the CLI and the app ask), and
    a slip there would reach the lead's review unseen. A date as exported is not checked."""
    if new.done_date is None or new.done_date == e.done_date:
        return
    if base_texts is not None and parse_date(base_texts.get("done_date") or "") == new.done_date:
        return
    found = doubts(dt.date.fromisoformat(new.done_date), dt.date.fromisoformat(now[:10]), store.document.get("issued"))
    if found:
        raise WorkbookError(
            file,
            f"完成时间 {new.done_date} {'、'.join(found)}:请改正后再导入(确实如此,请用 "
            f"gongkai-tui done {e.id} --date {new.done_date} 设置)",
            CHECKLIST_SHEET,
            cells["done_date"].address,
        )


def _fallback_changes(
    e, new: LineValues, now: str, file: Path, where: str, evidence_now: list[dict], make
) -> list[Change]:
    """A workbook without the values it was exported with: every filled cell is applied."""
    changes: list[Change] = []
    if new.status is not None:
        changes.append(Change(e.id, "status", new.status))
    if new.note is not None:
        changes.append(Change(e.id, "note", new.note))
    effective = new.status or e.status
    if effective == "不适用":
        if new.reason:
            changes.append(Change(e.id, "reason", new.reason))
    elif new.status is not None:
        changes.append(Change(e.id, "reason", None))
    for key in ("requirement", "office", "person", "narrative"):
        if getattr(new, key) is not None:
            changes.append(Change(e.id, key, getattr(new, key)))
    if new.done_date is not None:
        changes.append(Change(e.id, "done_date", new.done_date))
    elif new.status == "已完成" and not e.done_date:
        changes.append(Change(e.id, "done_date", now[:10]))
    elif new.status is not None and new.status != "已完成":
        changes.append(Change(e.id, "done_date", None))
    have = {(r["kind"], r["value"]) for r in evidence_now}
    for kind, value in new.evidence_order:
        if (kind, value) not in have:
            changes.append(Change(e.id, EVIDENCE_ADD, make(kind, value)))
    return changes


def _report_mode(store: Store, unit: str, wb: WorkbookData, plan: FilePlan) -> bool:
    """Whether the workbook comes from another working database (a unit's report to its
    lead) and is the newest one from there: then what its cells say replaces what this
    database last heard, except fields someone changed here. A workbook of this database,
    or an older one from the other database than one imported before, is merged against
    the values it was exported with: only its edited cells count."""
    source = wb.about.get("database_id") or None
    try:
        version = int(wb.about.get("database_version") or 0)
    except ValueError:
        version = 0
    plan.source_db, plan.source_version = source, version
    mine, _ = store.workspace()
    if source is None or source == mine:
        return False
    newest = store.import_versions(unit, source)
    if newest is not None and version < newest:
        plan.warnings.append("比之前从同一数据库导入的工作簿旧:只导入其中改过的单元格")
        return False
    return True


def _route(store: Store, wb: WorkbookData, only_doc: int | None) -> dict[str, str] | None:
    """Point the store at the document the workbook's 说明 names (its current text). Returns
    how the item ids of the text it was exported from map onto that text, when it was
    exported from a text revised since; else None."""
    file, number = wb.file, wb.about.get("document")
    exported, latest = store.workbook_document(number, wb.about.get("document_sha256"))
    if latest is None:
        raise WorkbookError(
            file,
            f"这是依据「{number}」的工作簿,数据库中没有这份文件;请先用 gongkai-tui load "
            f"载入它。已载入:{'、'.join(label(d) for d in store.documents() if not d['superseded_by'])}",
            "说明",
            wb.about_cells.get("document"),
        )
    if exported is None:
        raise WorkbookError(
            file,
            f"依据文件「{number}」的文本与数据库中载入的各个文本都不同(修订后的文本还没有载入?),"
            "请先用 gongkai-tui load --revises 载入它",
            "说明",
            wb.about_cells.get("document_sha256"),
        )
    if only_doc is not None and latest != only_doc:
        store.use_document(only_doc)
        raise WorkbookError(
            file,
            f"这是依据「{number}」的工作簿,不是 --doc 指定的「{store.document['number']}」",
            "说明",
            wb.about_cells.get("document"),
        )
    store.use_document(latest)
    return store.revision_mapping(exported, latest) if exported != latest else None


def _member_unit(store: Store, wb: WorkbookData, members: Mapping[str, str] | None) -> UnitChoice:
    """The unit a workbook's changes go to, by the rule every door shares (a collective named
    in its 说明: the remembered member, else refused naming the cell and the members)."""

    def how(choice: UnitChoice) -> str:
        return (
            f"请先用 gongkai-tui member {choice.collective} {choice.members[0]} 记住本机填报的是哪个成员单位,"
            "或把「说明」中的单位改为成员单位,再导入"
        )

    try:
        return require_member(store, wb.about["unit_key"], members, how)
    except MemberNeeded as e:
        raise WorkbookError(wb.file, str(e), "说明", wb.about_cells.get("unit_key")) from None


def _plan_file(
    store: Store, wb: WorkbookData, now: str, only_doc: int | None = None, members: Mapping[str, str] | None = None
) -> FilePlan:
    file = wb.file
    mapping = _route(store, wb, only_doc)
    unit = wb.about["unit_key"]
    if unit not in store.catalogue.kinds:
        raise WorkbookError(
            file, f"未知单位「{unit}」(「{ABOUT_KEYS['unit_key']}」)", "说明", wb.about_cells.get("unit_key")
        )
    choice = _member_unit(store, wb, members)
    unit = choice.unit
    entries = {e.id: e for e in store.checklist(unit)}
    evidence_now = store.evidence_map(unit)
    baseline = getattr(wb, "baseline", None)
    plan = FilePlan(
        file,
        unit,
        Batch(store.doc, unit, [], f"import:{file.name}"),
        list(wb.notes),
        exported_at=wb.about.get("exported_at"),
        sha256=wb.sha256,
        doc=store.doc,
    )
    if choice.as_member:
        plan.warnings.append(
            f"「{ABOUT_KEYS['unit_key']}」中的单位是统称「{choice.collective}」:"
            f"按设置导入到其成员「{unit}」名下(gongkai-tui member {choice.collective} 可更改)"
        )
    if mapping is not None:
        plan.warnings.append(
            f"这是按「{store.document['number']}」修订前的文本导出的工作簿:按条目文本对应到修订后的文本"
        )
    if baseline is None:
        plan.warnings.append(
            "工作簿中没有「导出时的值」(旧版本导出或手工制作):按填写的内容导入,可能覆盖导出后在系统中所做的修改"
        )
    report = _report_mode(store, unit, wb, plan)
    local = store.locally_edited(unit) if report else set()
    make = _record(file, now)
    seen: dict[str, str] = {}
    problems = wb.problems  # read with a collector (_plan_checked), which raises them with the reader's
    assert problems is not None  # (read_workbook leaves it None only when given none)
    troubled = problems.lines(CHECKLIST_SHEET)  # lines with a cell the reader could not take
    for row in wb.rows:
        item_id = row.item_id
        if mapping is not None:
            moved = mapping.get(row.item_id)
            unchanged = baseline is not None and baseline.get(row.item_id) == {k: v.text for k, v in row.cells.items()}
            if moved is None and not unchanged:
                plan.not_imported.append(
                    f"{file.name} {CHECKLIST_SHEET}!{row.id_address}:条目「{row.item_id}」的文本"
                    "在修订后的文本中已改动或删除,本行未导入,请对照修订后的任务清单手工核对"
                )
            if moved is None:
                continue
            item_id = moved
        e = entries.get(item_id)
        if e is None:
            problems.add(f"未知编号「{item_id}」(不在「{unit}」的任务清单中)", CHECKLIST_SHEET, row.id_address)
            continue
        if item_id in seen:
            problems.add(f"编号「{item_id}」重复(另见 {seen[item_id]})", CHECKLIST_SHEET, row.id_address)
            continue
        seen[item_id] = row.id_address
        c = row.cells
        texts = {k: v.text for k, v in c.items()}
        link = c["evidence"].link if "evidence" in c else None
        new = _read_line(texts, link, c, problems)
        if new is None:
            continue
        try:
            _check_done_date(store, file, new, e, baseline.get(row.item_id) if baseline is not None else None, c, now)
        except WorkbookError as error:  # listed with the file's other problems
            problems.add_error(error)
            continue
        if new.status_raw is not None and new.status != new.status_raw:
            shown = new.status_raw.replace("\n", "\\n")  # the report keeps one line per note
            plan.notes.append(f"{c['status'].address}:「{shown}」按「{new.status}」处理")
        if "evidence" in c:
            _check_urls(new, c["evidence"].address, problems)
        base_texts = baseline.get(row.item_id) if baseline is not None else None
        if baseline is not None and base_texts is None:
            plan.warnings.append(
                f"{CHECKLIST_SHEET}!{row.id_address}:编号「{row.item_id}」不在导出时的值中"
                "(导出后新加的行?),按填写的内容导入"
            )
        needs_reason = new.status == "不适用" and not (new.reason or e.reason)
        if base_texts is None:
            if (new.status or e.status) == "不适用" and not (new.reason or e.reason):
                needs_reason = True
            changes = _fallback_changes(e, new, now, file, row.id_address, evidence_now.get(e.id, []), make)
        else:
            try:
                base = read_line(base_texts)
            except CellProblem as p:
                problems.add(f"导出时的值已被改动:{p}", BASELINE_SHEET)
                continue
            if new.status == base.status:
                needs_reason = False
            exported = base
            if report:  # another office's database: its cells are its report, unless edited here since
                base = report_base(base, {f for i, f in local if i == e.id}, entries[e.id])
            changes = merge_changes(
                file, e.id, base, new, now[:10], evidence_now.get(e.id, []), plan.conflicts, make, exported
            )
        if needs_reason and row.line not in troubled:  # not when its 备注 could not be read
            where = c["status"].address if "status" in c else row.id_address
            problems.add(f"「不适用」需要理由:请在备注栏第一行写「{REASON_PREFIX}……」", CHECKLIST_SHEET, where)
        plan.batch.changes.extend(changes)
    leftovers = wb.leftovers
    if any(x.kind == "step" for x in leftovers):
        step_problems: list[str] = []
        changes, leftovers = plan_steps(
            store,
            unit,
            file.name,
            {},
            leftovers,
            wb.step_baseline,
            dt.date.fromisoformat(now[:10]),
            plan.conflicts,
            plan.notes,
            step_problems,
        )
        for message in step_problems:
            problems.add(message, CHECKLIST_SHEET)
        plan.batch.changes.extend(changes)
    plan.not_imported += leftover_lines(file.name, CHECKLIST_SHEET, leftovers)
    if baseline:
        present = {r.item_id for r in wb.rows}
        gone = [i for i in baseline if i not in present]
        if gone:
            shown = "、".join(gone[:20]) + (f" 等 {len(gone)} 个" if len(gone) > 20 else "")
            plan.notes.append(f"工作表中已没有 {len(gone)} 个条目的行(删除了?),按未改动处理:{shown}")
    return plan


def _plan_checked(
    store: Store, file: Path, now: str, only_doc: int | None = None, members: Mapping[str, str] | None = None
) -> FilePlan | SubReport:
    """Every problem of the file, the reader's and the lines' (_plan_file adds them to
    the reader's), is raised together."""
    problems = Problems(file)
    wb = read_workbook(file, problems)
    if "document" not in wb.about or "unit_key" not in wb.about:
        problems.raise_any()  # nothing to read the lines against
    report = sub_report(store, wb)  # a sub-unit's report of what this database's unit assigned it
    if report is not None:
        problems.raise_any()
        return report
    try:
        plan = _plan_file(store, wb, now, only_doc, members)
    except WorkbookError as e:  # the document or the unit: the lines cannot be read against them
        problems.add_error(e)
    problems.raise_any()
    plan.unit_doubts = unit_doubts(wb)
    return plan


def plan_import(
    store: Store,
    files: list[Path],
    now: dt.datetime | None = None,
    only_doc: int | None = None,
    members: Mapping[str, str] | None = None,
) -> ImportPlan:
    """Read every file and plan its changes; every problem is collected, nothing written.
    Each workbook goes to the document its 说明 names (with `only_doc`, it must be that one).
    `members`: collective → the member this person is (the settings file's, read by the caller)."""
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    plans: list[FilePlan] = []
    reports: list[SubReport] = []
    errors: list[str] = []
    count = 0
    for file in files:
        try:
            planned = _plan_checked(store, file, stamp, only_doc, members)
            (reports if isinstance(planned, SubReport) else plans).append(planned)  # type: ignore[arg-type]
        except WorkbookError as e:  # every problem of the file, not only the first
            errors.extend(e.problems)
            count += len(e.problems) + e.omitted
            if e.omitted:
                errors.append(f"{file.name}:另有 {e.omitted} 处问题未列出")
    return ImportPlan(plans, errors, count, reports)


def _shown(value: object) -> str:
    if isinstance(value, dict):  # an evidence entry
        text = value.get("value", "").replace("\n", " / ")
        return f"文字说明「{text}」" if value.get("kind") == NOTE else text
    return "(空)" if value in (None, "") else str(value).replace("\n", " / ")


SUMMARY_LABELS = {**FIELD_LABELS, "evidence+": "佐证材料", "evidence-": "佐证材料"}


def report_lines(plan: ImportPlan, written) -> list[str]:
    """Per file: the unit, every change (item, field, old → new), every conflict, warnings."""
    lines = []
    by_source: dict[str, list] = {}
    for w in written:
        by_source.setdefault(w.source, []).append(w)
    for f in plan.files:
        changes = by_source.get(f.batch.source, [])
        items = {w.item_id for w in changes}
        per_field: dict[str, set] = {}
        for w in changes:
            name = "细化步骤" if is_step_field(w.field) else SUMMARY_LABELS.get(w.field, w.field)
            per_field.setdefault(name, set()).add(w.item_id)
        head = f"{f.file.name}({f.unit}):"
        counted = sorted(per_field.items(), key=lambda kv: (-len(kv[1]), list(per_field).index(kv[0])))
        head += (
            f"{len(items)} 个条目有变化:" + "、".join(f"{name} {len(ids)}" for name, ids in counted)
            if changes
            else "没有变化"
        )
        if f.conflicts:
            head += f";{len(f.conflicts)} 项冲突未导入"
        lines.append(head)
        for w in changes:
            if is_step_field(w.field):
                new_step = isinstance(w.new, dict)  # a step added: its text
                lines.append(
                    f"  {field_label(w.field, w.item_id)}:"
                    + (w.new.get("text", "") if new_step else f"{_shown(w.old)} → {_shown(w.new)}")
                )
                continue
            label = FIELD_LABELS.get(w.field, w.field)
            lines.append(f"  {w.item_id} {label}:{_shown(w.old)} → {_shown(w.new)}")
        lines += [f"  冲突:{c.line()}" for c in f.conflicts]
        lines += [f"  警告:{n}" for n in f.warnings]
        lines += [f"  说明:{n}" for n in f.notes]
    return lines
