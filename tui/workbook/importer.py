"""Plan an import: compare workbooks with the database and list the changes, or
the problems, before anything is written. Applying is one transaction (store)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..store import STATUSES, Store
from ..store.evidence import check_url, looks_like_url
from ..store.progress import EVIDENCE_KEYS, Batch, Change
from .layout import ABOUT_KEYS, REASON_PREFIX
from .reader import WorkbookData, WorkbookError, read_workbook

FIELD_LABELS = {"status": "完成情况", "reason": "不适用理由", "requirement": "工作要求", "office": "责任科室",
                "person": "责任人", "done_date": "完成时间", "note": "备注", "evidence": "佐证材料"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S")


@dataclass
class FilePlan:
    file: Path
    unit: str
    batch: Batch
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the whole file is left out
    exported_at: str | None = None
    sha256: str = ""


@dataclass
class ImportPlan:
    files: list[FilePlan]
    errors: list[str]

    @property
    def batches(self) -> list[Batch]:
        return [f.batch for f in self.files if not f.skipped]


def parse_date(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", text).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def normalise_status(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _evidence_records(values: list[str], link: str | None, file: Path, address: str, now: str) -> list[dict]:
    records = []
    for value in ([link] if link else []) + values:
        value = value.strip()
        if not value:
            continue
        if looks_like_url(value):
            problem = check_url(value)
            if problem:
                raise WorkbookError(file, f"佐证材料「{value[:60]}」无效:{problem}", "任务清单", address)
            records.append({"kind": "url", "value": value, "caption": f"导入自 {file.name}", "added_at": now,
                            "size": None, "sha256": None})
        else:
            if "\x00" in value or len(value) > 4096:
                raise WorkbookError(file, "佐证材料不是有效的网址或文件路径", "任务清单", address)
            records.append({"kind": "file", "value": value, "caption": f"导入自 {file.name}", "added_at": now,
                            "size": None, "sha256": None})
    return records


def _plan_file(store: Store, wb: WorkbookData, now: str) -> FilePlan:
    doc = store.document
    file = wb.file
    if wb.about.get("document") != doc["number"]:
        raise WorkbookError(file, f"这是依据「{wb.about.get('document')}」的工作簿,本数据库的依据是「{doc['number']}」",
                            "说明", wb.about_cells.get("document"))
    if wb.about.get("document_sha256") and wb.about["document_sha256"] != doc["source_sha256"]:
        raise WorkbookError(file, "依据文件的文本与本数据库不同(文件已修订?),请用对应版本的数据库导入", "说明",
                            wb.about_cells.get("document_sha256"))
    unit = wb.about["unit_key"]
    if unit not in store.catalogue.kinds:
        raise WorkbookError(file, f"未知单位「{unit}」(「{ABOUT_KEYS['unit_key']}」)", "说明",
                            wb.about_cells.get("unit_key"))
    entries = {e.id: e for e in store.checklist(unit)}
    evidence_now = store.evidence_map(unit)
    changes: list[Change] = []
    notes = list(wb.notes)
    seen: dict[str, str] = {}
    for row in wb.rows:
        e = entries.get(row.item_id)
        if e is None:
            raise WorkbookError(file, f"未知编号「{row.item_id}」(不在「{unit}」的任务清单中)", "任务清单", row.id_address)
        if row.item_id in seen:
            raise WorkbookError(file, f"编号「{row.item_id}」重复(另见 {seen[row.item_id]})", "任务清单", row.id_address)
        seen[row.item_id] = row.id_address
        c = row.cells
        status = None
        if "status" in c and c["status"].text is not None:
            raw = c["status"].text
            status = normalise_status(raw)
            if status not in STATUSES:
                raise WorkbookError(file, f"未知的完成情况「{raw}」,可选:{'、'.join(STATUSES)}", "任务清单",
                                    c["status"].address)
            if status != raw:
                shown = raw.replace("\n", "\\n")  # the report keeps one line per note
                notes.append(f"{c['status'].address}:「{shown}」按「{status}」处理")
            changes.append(Change(e.id, "status", status))
        reason = None
        if "note" in c and c["note"].text is not None:
            lines = c["note"].text.split("\n")
            if lines[0].startswith(REASON_PREFIX):
                reason = lines[0][len(REASON_PREFIX):].strip() or None
                lines = lines[1:]
            note = "\n".join(lines).strip()
            if note:
                changes.append(Change(e.id, "note", note))
        effective = status or e.status
        if effective == "不适用":
            if not (reason or e.reason):
                where = c["status"].address if "status" in c else row.id_address
                raise WorkbookError(file, f"「不适用」需要理由:请在备注栏第一行写「{REASON_PREFIX}……」", "任务清单", where)
            if reason:
                changes.append(Change(e.id, "reason", reason))
        elif status is not None:
            changes.append(Change(e.id, "reason", None))
        for key in ("requirement", "office", "person"):
            if key in c and c[key].text is not None:
                changes.append(Change(e.id, key, c[key].text.strip()))
        if "done_date" in c and c["done_date"].text is not None:
            iso = parse_date(c["done_date"].text)
            if iso is None:
                raise WorkbookError(file, f"完成时间「{c['done_date'].text}」不是日期(应如 2021-06-30)", "任务清单",
                                    c["done_date"].address)
            changes.append(Change(e.id, "done_date", iso))
        elif status == "已完成" and not e.done_date:
            changes.append(Change(e.id, "done_date", now[:10]))
        elif status is not None and status != "已完成":
            changes.append(Change(e.id, "done_date", None))  # as `gongkai-tui status` does
        if "evidence" in c:
            v = c["evidence"]
            fresh = _evidence_records((v.text or "").split("\n"), v.link, file, v.address, now)
            current = [{k: r[k] for k in EVIDENCE_KEYS} for r in evidence_now.get(e.id, [])]
            known = {r["value"] for r in current}
            added = [r for r in fresh if r["value"] not in known and not known.add(r["value"])]
            if added:
                changes.append(Change(e.id, "evidence", current + added))
    return FilePlan(file, unit, Batch(unit, changes, f"import:{file.name}"), notes,
                    exported_at=wb.about.get("exported_at"), sha256=wb.sha256)


def plan_import(store: Store, files: list[Path], now: dt.datetime | None = None) -> ImportPlan:
    """Read every file and plan its changes; every problem is collected, nothing written."""
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    plans: list[FilePlan] = []
    errors: list[str] = []
    for file in files:
        try:
            plans.append(_plan_file(store, read_workbook(file), stamp))
        except WorkbookError as e:
            errors.append(str(e))
    _mark_stale(store, plans)
    return ImportPlan(plans, errors)


def _mark_stale(store: Store, plans: list[FilePlan]) -> None:
    """Of several workbooks for one unit, or one older than what was imported before,
    only the newest is applied; the others are skipped and said so."""
    newest: dict[str, FilePlan] = {}
    for p in plans:
        last = store.last_import(p.unit)
        if last and p.exported_at and p.exported_at < last:
            p.skipped = f"比已导入的版本(导出于 {last})旧,已跳过"
            continue
        other = newest.get(p.unit)
        if other is None or (p.exported_at or "") > (other.exported_at or ""):
            if other is not None:
                other.skipped = f"同一单位有更新的工作簿 {p.file.name},已跳过"
            newest[p.unit] = p
        else:
            same = p.exported_at == other.exported_at
            p.skipped = (f"与 {other.file.name} 是同一单位同一时间导出的工作簿,只导入一次" if same
                         else f"同一单位有更新的工作簿 {other.file.name},已跳过")


def report_lines(plan: ImportPlan, written) -> list[str]:
    """Per file: the unit, how many items changed, by field; notes; skipped files."""
    lines = []
    by_source = Counter()
    fields: dict[str, Counter] = {}
    items: dict[str, set] = {}
    for w in written:
        by_source[w.source] += 1
        fields.setdefault(w.source, Counter())[FIELD_LABELS.get(w.field, w.field)] += 1
        items.setdefault(w.source, set()).add(w.item_id)
    for f in plan.files:
        if f.skipped:
            lines.append(f"{f.file.name}({f.unit}):{f.skipped}")
            continue
        src = f.batch.source
        if by_source[src]:
            detail = "、".join(f"{name} {n}" for name, n in fields[src].most_common())
            lines.append(f"{f.file.name}({f.unit}):{len(items[src])} 个条目有变化:{detail}")
        else:
            lines.append(f"{f.file.name}({f.unit}):没有变化")
        lines += [f"  说明:{n}" for n in f.notes]
    return lines
