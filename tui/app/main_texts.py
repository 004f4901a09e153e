"""The main screen's longer texts: the top line's parts, what an empty list says, the
document's label, and the bodies of its confirmations. Texts, never markup: names,
document numbers and what people typed are shown as they are."""

from __future__ import annotations

from rich.text import Text

from ..store import Entry
from ..store.documents import label
from .session import WORK_FIELDS, Session
from .topbar import ALWAYS, Part


def document_label(doc: dict) -> str:
    """渝府办发〔2022〕18号 · 2022年"""
    return label(doc) + (f" · {doc['year']}年" if doc.get("year") else "")


def unit_title(session: Session) -> str:
    """渝中区(各区县政府): the unit the work is recorded under first, then the collective it
    was opened as (`各区县政府 · 渝中区` read as if the work went to 各区县政府)."""
    if session.collective and session.unit != session.collective:
        return f"{session.unit}({session.collective})"
    return session.shown_name


def items_named(ids: list[str]) -> str:
    """`1.1-1`, or `1.1-1 等 3 条` for several (a dialog's title)."""
    return ids[0] + (f" 等 {len(ids)} 条" if len(ids) > 1 else "")


def document_parts(doc: dict) -> list[Part]:
    """The header's document: its number and year (the year left out when space is short
    and the number says it), and 已被修订 when a revised text replaced it."""
    number, year = label(doc), doc.get("year")
    short = Text(number) if not year or str(year) in number else None
    parts = [Part(Text(document_label(doc)), 20, short)]
    if doc.get("superseded_by") is not None:
        parts.append(Part(Text("已被修订", style="bold yellow"), 30))
    return parts


def topbar_parts(s: Session, listed: int, marked_shown: int, marked: int) -> tuple[Part, ...]:
    """The top line: unit, progress, as-of date, document, and what the user asked for
    (`listed`: the lines the search lets through; `marked_shown` of the `marked` lines
    are on screen, the ones a write changes)."""
    c = s.counts()
    # Left out first when the line is too long (80 columns): the as-of date, then the
    # document; what the user just asked for (filters, search, marks) stays.
    parts = [
        Part(Text(unit_title(s), style="bold"), ALWAYS),
        Part(Text(f"已完成 {c.done}/{c.total}"), 90),
        Part(Text(f"缺佐证 {c.missing_evidence}"), 80),
        Part(Text(f"逾期 {c.overdue}"), 80),
        Part(Text(f"截至 {s.as_of.isoformat()}"), 10),
        *document_parts(s.store.document),
    ]
    if s.filter != "全部":
        parts.append(Part(Text(f"筛选:{s.filter}"), ALWAYS))
    if s.role != "全部":
        parts.append(Part(Text(f"角色:{s.role}"), ALWAYS))
    if s.sort != "文件顺序":
        parts.append(Part(Text(f"按{s.sort}排序"), 65))
    if s.query:
        parts.append(Part(Text(f"搜索:{s.query}({listed} 条)"), ALWAYS))
    if marked:
        hidden = marked - marked_shown
        parts.append(
            Part(
                Text(f"已选 {marked_shown} 条" + (f"(另 {hidden} 条未显示,不会改动)" if hidden else "")),
                ALWAYS,
                Text(f"已选 {marked_shown} 条"),
            )
        )
    if not s.complete:
        parts.insert(0, Part(Text("正在加载全部条目…"), 95))
    return tuple(parts)


def empty_text(s: Session) -> str:
    """What the list says when nothing is let through, and how to see more."""
    asked = [f"筛选:{s.filter}"] * (s.filter != "全部") + [f"角色:{s.role}"] * (s.role != "全部")
    if s.query:
        asked.append(f"搜索:{s.query}")
    if not s.complete:
        return "正在加载全部条目…(已载入的部分中没有)"
    if not asked:
        return "(本单位在这份文件中没有条目)"
    keys = [
        k
        for k, on in (
            ("f 切换筛选", s.filter != "全部"),
            ("r 切换角色", s.role != "全部"),
            ("Esc 清除搜索", bool(s.query)),
        )
        if on
    ]
    return f"没有符合条件的条目({' · '.join(asked)});按 {'、'.join(keys)}"


def discard_text(status: str, lost: list[str]) -> Text:
    """The body of the question before a status change throws away 不适用理由 or 完成时间."""
    body = Text(f"设为「{status}」将清除:\n\n")
    for line in lost[:12]:
        body.append(line + "\n")
    if len(lost) > 12:
        body.append(f"…… 另有 {len(lost) - 12} 项\n")
    body.append("\n更改后可按 z 撤销(一步恢复)。", style="dim")
    return body


def copy_confirmation(session: Session, entry: Entry, ref: dict, plan: list) -> Text:
    """What `W` will write and what each value replaces (a Text: never markup)."""
    from .detail import score_label

    t = Text()
    t.append(f"写入「{session.shown_name}」{document_label(session.store.document)} 的 {entry.id}:\n\n")
    for _, field, new, old in plan:
        t.append(f"{field}:", style="bold")
        t.append(f"{new}\n")
        if old:
            t.append("  将覆盖本年现有的:", style="bold red")
            t.append(f"{old}\n")
        else:
            t.append("  本年尚未填写\n", style="dim")
    left = [field for key, field in WORK_FIELDS if key not in {k for k, _, _, _ in plan}]
    if left:
        t.append(f"\n{'、'.join(left)}不变(往年未填写,或与本年相同)。\n", style="dim")
    t.append(f"\n来自 {ref['number']} {ref['item_id']}({score_label(ref.get('score'))}):\n", style="dim")
    text = ((ref["group"] + " ") if ref.get("group") else "") + (ref.get("text") or "")
    t.append(text[:80] + ("…" if len(text) > 80 else "") + "\n", style="dim")
    t.append("写入后可按 z 撤销。", style="dim")
    return t
