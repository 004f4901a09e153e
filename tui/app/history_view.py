"""An item's full history, readable: every line (never cut), newest first, times as
`2021-06-01 14:03`, evidence changes as 新增佐证 / 删除佐证 / 佐证说明 with the entry."""

from __future__ import annotations

import json

from rich.text import Text

from ..timetext import shown_time

FIELD_LABELS = {
    "status": "完成情况",
    "reason": "不适用理由",
    "requirement": "工作要求",
    "office": "责任科室",
    "person": "责任人",
    "planned_date": "计划完成时间",
    "done_date": "完成时间",
    "note": "备注",
    "evidence": "佐证材料",
    "evidence+": "新增佐证",
    "evidence-": "删除佐证",
    "confirmed": "确认适用",
    "narrative": "具体完成情况",
}

SOURCES = {"tui": "本程序", "cli": "命令行"}


def _entry(value: str | None) -> dict | None:
    if not value:
        return None
    try:
        record = json.loads(value)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _entries(value: str | None) -> list[dict]:
    if not value:
        return []
    try:
        records = json.loads(value)
    except ValueError:
        return []
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def _named(record: dict) -> str:
    caption = record.get("caption")
    return str(record.get("value", "")) + (f"({caption})" if caption else "")


def _key(record: dict) -> tuple:
    return record.get("kind"), record.get("value"), record.get("sha256")


def source_label(source: str | None) -> str:
    source = source or ""
    if source.startswith("undo:"):
        return "撤销"
    if source.startswith("redo:"):
        return "重做"
    if source.startswith("import:"):
        return "导入工作簿"
    return SOURCES.get(source, source)


def change_lines(h: dict) -> list[str]:
    """What one history line changed, in words (an old whole-list evidence line may give several)."""
    field, old, new = h["field"], h.get("old"), h.get("new")
    if field == "evidence+":
        return [f"新增佐证:{_named(_entry(new) or {'value': new})}"]
    if field == "evidence-":
        return [f"删除佐证:{_named(_entry(old) or {'value': old})}"]
    if field == "evidence~":
        before, after = _entry(old) or {}, _entry(new) or {}
        return [
            f"佐证说明:{after.get('value', '')}:{before.get('caption') or '(空)'} → {after.get('caption') or '(空)'}"
        ]
    if field == "evidence":  # versions before evidence became a set wrote the whole list
        old_list, new_list = _entries(old), _entries(new)
        kept = {_key(r) for r in old_list}
        now = {_key(r) for r in new_list}
        lines = [f"新增佐证:{_named(r)}" for r in new_list if _key(r) not in kept]
        lines += [f"删除佐证:{_named(r)}" for r in old_list if _key(r) not in now]
        return lines or ["佐证材料:未变"]
    if field.startswith("step:"):
        return [step_change(field, old, new)]
    if field in ("assign:+", "assign:-"):  # 分解 (store/assign_rows.py): one assignment added or taken back
        record = _entry(new if field == "assign:+" else old) or {}
        step = f"步骤 {record['step']} " if record.get("step") else ""
        what = "分解给" if field == "assign:+" else "取消分解:"
        extra = "".join(
            f",{label}{record[k]}" for k, label in (("requirement", "要求:"), ("deadline", "时限:")) if record.get(k)
        )
        return [f"{step}{what}{record.get('sub_unit', '')}({record.get('role', '')}){extra}"]
    label = FIELD_LABELS.get(field, field)
    return [f"{label}:{old or '(空)'} → {new or '(空)'}"]


def step_change(field: str, old: str | None, new: str | None) -> str:
    """A 细化 step's history line in words: 新增步骤 2:…, 步骤 2 的责任人:王芳 → 李明."""
    from ..store.step_rows import ADDED, EVIDENCE_ADDED, EVIDENCE_REMOVED, REMOVED, field_label, parse_field

    number, what = parse_field(field)
    if what in (ADDED, REMOVED):
        record = _entry(new if what == ADDED else old) or {}
        return f"{'新增' if what == ADDED else '删除'}步骤 {number}:{record.get('text', '')}"
    if what in (EVIDENCE_ADDED, EVIDENCE_REMOVED):
        record = _entry(new if what == EVIDENCE_ADDED else old) or {"value": new or old}
        return f"步骤 {number} {'新增' if what == EVIDENCE_ADDED else '删除'}佐证:{_named(record)}"
    return f"{field_label(field)}:{old or '(空)'} → {new or '(空)'}"


def render_history(history: list[dict]) -> Text:
    """Every line, newest first; one action's lines together under its time."""
    if not history:
        return Text("这个条目还没有修改记录。", style="dim")
    t = Text()
    t.append(f"共 {len(history)} 条修改记录,最新的在最上面。\n\n", style="dim")
    for h in reversed(history):
        head = f"{shown_time(h.get('at'))}  {h.get('os_user') or ''}"
        source = source_label(h.get("source"))
        t.append(head, style="bold")
        t.append(f"  {source}\n" if source else "\n", style="dim")
        for line in change_lines(h):
            t.append(f"  {line}\n")
    return t
