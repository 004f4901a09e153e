"""What a person sees before a document is stored, in the CLI's `load` and the app's load
dialog alike: the document, its counts, units by kind and by role, every judgement that
changes who must do what, every warning; and, once stored, what it found of past years."""

from __future__ import annotations

from ..source.table import NOTE_LABELS
from .documents import label


def build_report_lines(report) -> list[str]:
    """The document and its counts, units by kind, judgements counted by kind, and every
    warning line by line (`build-db` prints these; `load` adds who_does_what)."""
    doc = report.document
    items = doc.items()
    lines = [
        f"{label(doc)} {doc.table_title}",
        f"发文单位:{doc.issuer or '(未找到)'} · 层级:{report.level} · 年度:{doc.year or '(未知)'}"
        f" · 表头:{' | '.join(doc.columns)}",
        f"{len(doc.sections)} 个章节,{len(doc.rows)} 行任务,{len(items)} 个条目"
        f"(有明确时限 {sum(1 for i in items if i.deadline)} 个),{len(doc.units())} 个单位,"
        f"修复 {len(doc.repairs)} 处提取损伤",
        "单位类型:" + ",".join(f"{k} {v}" for k, v in sorted(report.units_by_kind.items())),
    ]
    judged: dict[str, int] = {}
    for n in report.notes:
        if n.severity != "warning":
            judged[n.kind] = judged.get(n.kind, 0) + 1
    if judged:
        lines.append(
            "判断(已记录,可在数据库 build_notes 表中逐条核对):"
            + ",".join(f"{NOTE_LABELS.get(k, '其他判断')} {v} 处" for k, v in sorted(judged.items()))
        )
    warnings = report.warnings
    lines.append(f"警告 {len(warnings)} 条" + (":" if warnings else ""))
    lines += [f"  {n.origin}:{n.message}" for n in warnings]
    return lines


# Judgements that change who must do what: each is listed before a document is stored.
WHO_KINDS = (
    "lead_from_above",
    "task_shared",
    "roles_in_cell",
    "unit_note",
    "empty_collective",
    "members_only_named",
    "text_skipped",
    "row_continued",
    "number_missing",
    "title_missing",
    "year_given",
    "level_from_title",
)


def who_does_what(report) -> list[str]:
    """Units by role, and every judgement that changes who must do what, line by line (the
    report above only counts the ones that are not warnings)."""
    doc = report.document
    roles: dict[str, set[str]] = {"牵头": set(), "责任": set(), "配合": set()}
    for row in doc.rows:
        roles["牵头"].update(row.lead_units)
        roles["责任"].update(row.responsible_units)
        roles["配合"].update(row.cooperating_units)
    lines = ["单位按角色:" + ",".join(f"{role} {len(names)} 个" for role, names in roles.items())]
    judged = [n for n in report.notes if n.kind in WHO_KINDS and n.severity != "warning"]
    if judged:
        lines.append(f"影响“谁做什么”的判断 {len(judged)} 处(请逐条核对):")
        lines += [f"  {n.origin}:{n.message}" for n in judged]
    return lines


def read_lines(report) -> list[str]:
    """Everything `load` shows before it asks to confirm."""
    return build_report_lines(report) + who_does_what(report)


def references_line(done) -> str:
    """After a load (store.load.LoadReport): how many items found a similar one of past years."""
    return f"往年参考:{done.references} 个条目找到了往年相近的条目" + (
        "" if done.references_similar else "(条目文字过于雷同,无法在合理时间内比较相近程度,只匹配了文字相同的条目)"
    )
