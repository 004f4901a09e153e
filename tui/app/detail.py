"""The detail of one checklist line: text, paths, units, deadline, work fields, evidence,
往年参考 (the matching item of an earlier year), history."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..store import Entry
from ..timetext import shown_time
from ..units import VIA_LABEL


def score_label(score: float | None) -> str:
    """相似度 as a whole percent, never rounded up to 100% for a text that is not the same."""
    if score is None:
        return "相似度未知"
    percent = 100 if score >= 1 else min(99, round(score * 100))
    return f"相似度 {percent}%"


def reference_title(ref: dict) -> str:
    """往年参考(渝府办发〔2021〕50号 1.1.3-2,相似度 62%)"""
    return f"往年参考({ref['number']} {ref['item_id']},{score_label(ref.get('score'))})"


def render_reference(t: Text, ref: dict, full: bool = False) -> None:
    """The matching item of an earlier year and this unit's progress on it there. Its text
    and the score are always shown: a match by similar text can be wrong."""
    t.append(reference_title(ref) + "\n", style="bold")
    text = ((ref["group"] + " ") if ref.get("group") else "") + (ref.get("text") or "")
    text = text.replace("\n", " ")
    if not full and len(text) > REFERENCE_TEXT:
        text = text[:REFERENCE_TEXT] + "…"
    t.append(f"  {text}\n", style="dim")
    status = ref.get("status") or "未开始"
    if ref.get("done_date") and status == "已完成":
        status += f"({ref['done_date']})"
    t.append(f"  {ref.get('year') or ''}年完成情况:" if ref.get("year") else "  完成情况:")
    t.append(status + "\n", style="bold" if status.startswith("已完成") else "")
    for label, key in (
        ("不适用理由", "reason"),
        ("工作要求", "requirement"),
        ("责任科室", "office"),
        ("责任人", "person"),
        ("备注", "note"),
    ):
        if ref.get(key):
            t.append(f"  {label}:{ref[key]}\n")
    evidence = ref.get("evidence") or []
    shown = evidence if full else evidence[:REFERENCE_EVIDENCE]
    for ev in shown:
        t.append(f"  · {ev['value']}", style="underline" if ev.get("kind") == "url" else "")
        t.append((f"  {ev['caption']}" if ev.get("caption") else "") + "\n", style="dim")
    if len(evidence) > len(shown):
        t.append(f"  …共 {len(evidence)} 份佐证材料(Enter 查看全部)\n", style="dim")
    if any(ref.get(k) for k in ("requirement", "office", "person")):
        t.append("  按 W 带入往年的工作要求、责任科室、责任人\n", style="dim")


def days_left(e: Entry, as_of: dt.date) -> str:
    """逾期 12 天 / 今天到期 / 还有 5 天, for an unfinished item with a date deadline."""
    if e.deadline_date is None or e.status in ("已完成", "不适用"):
        return ""
    days = (e.deadline_date - as_of).days
    if days < 0:
        return f"逾期 {-days} 天"
    return "今天到期" if days == 0 else f"还有 {days} 天"


def render_to_confirm(t: Text, e: Entry, via: list[str]) -> None:
    """Why a line is 待确认, and what to do about it (or how it was resolved)."""
    named = "、".join(f"「{v}」" for v in via) or "一个统称"
    if e.confirmed:
        t.append(f"已确认适用({e.confirmed}):本条由{named}承担,本单位已确认包括在内。\n", style="dim")
        return
    if e.status == "不适用":
        t.append(f"本条由{named}承担,本单位已设为不适用。\n", style="dim")
        return
    t.append("待确认:", style="bold yellow")
    t.append(f"本条由{named}承担,文件未逐一列出其中的单位,是否包括本单位需要核实。\n")
    t.append("按 c 确认适用(可撤销)· 按 x 设为不适用并写明理由\n", style="yellow")


REFERENCE_TEXT = 60  # characters of the earlier item's text in the pane (all of it in the full detail)
REFERENCE_EVIDENCE = 3


def render_detail(
    e: Entry | None,
    evidence: list[dict],
    history: list[dict],
    as_of: dt.date,
    file_states: dict[str, str] | None = None,
    reference: dict | None = None,
    full: bool = False,
    confirm_via: list[str] | None = None,
) -> Text:
    """`reference`: 往年参考 (Store.reference) or None; `full`: the whole detail (Enter),
    not the pane's shortened one; `confirm_via`: the conditional collectives through which
    a 待确认 item names the unit (Store.confirm_via)."""
    if e is None:
        return Text("没有符合条件的条目。按 f 切换筛选,Esc 清除搜索。", style="dim")
    t = Text()
    t.append(f"{e.id}", style="bold")
    t.append(f"  {'/'.join(e.roles)} · {VIA_LABEL[e.via]}\n", style="dim")
    status = e.status + (f"({e.done_date})" if e.done_date and e.status == "已完成" else "")
    t.append("完成情况:", style="bold")
    t.append(status)
    if e.overdue(as_of):
        t.append("  逾期", style="bold red")
    if e.missing_evidence:
        t.append("  缺佐证", style="bold magenta")
    if e.to_confirm:
        t.append("  待确认是否适用", style="yellow")
    t.append("\n")
    if e.reason:
        t.append(f"不适用理由:{e.reason}\n")
    if e.via == "to_confirm":
        render_to_confirm(t, e, confirm_via or [])
    if headings := " / ".join(title for title in (e.section_title, e.subsection_title) if title):
        t.append(headings + "\n", style="dim")  # only the heading levels the document has
    if e.group:
        t.append(e.group + "\n", style="italic")
    t.append(e.text + "\n\n")
    if e.document_requirement:  # what the document asks: what the unit must actually do
        t.append("具体要求:", style="bold")
        t.append(e.document_requirement + "\n\n")
    if e.disclosure_paths:
        t.append("公开路径:\n", style="bold")
        for i, p in enumerate(e.disclosure_paths, 1):
            t.append(f"  {i}.{p}\n")
    t.append("牵头单位:", style="bold")
    t.append("、".join(e.lead_units) + "\n")
    t.append("责任单位:", style="bold")
    t.append("、".join(e.responsible_units) + "\n")
    if e.cooperating_units:
        t.append("配合单位:", style="bold")
        t.append("、".join(e.cooperating_units) + "\n")
    t.append("时限:", style="bold")
    t.append(
        (e.deadline or "") + (" " if e.deadline and e.relative_deadline else "") + (e.relative_deadline or "")
        or "(未写明)"
    )
    left = days_left(e, as_of)
    if left:
        t.append(f"  {left}", style="bold red" if e.overdue(as_of) else "yellow")
    t.append("\n")
    for label, value in (("工作要求", e.requirement), ("责任科室", e.office), ("责任人", e.person), ("备注", e.note)):
        t.append(f"{label}:", style="bold")
        t.append((value or "(未填)") + "\n", style="" if value else "dim")
    if e.narrative:  # as written (shown only once someone wrote it: the evidence is listed below anyway)
        t.append("具体完成情况:\n", style="bold")
        for line in e.narrative.splitlines():
            t.append(f"  {line}\n")
    if e.steps:
        render_steps(t, e)
    t.append(f"佐证材料({len(evidence)}):\n", style="bold")
    for ev in evidence:
        # the time first: at the end of a long value it wrapped apart (date, then time below)
        t.append("  · ")
        if ev["added_at"]:
            t.append(f"{shown_time(ev['added_at'])}  ", style="dim")
        t.append(ev["value"], style="underline" if ev["kind"] == "url" else "")
        if file_states and ev["value"] in file_states:  # checked in a worker (MainScreen._check_files)
            t.append(f"  [{file_states[ev['value']]}]", style="bold reverse")
        t.append("\n")
    if reference is not None:
        render_reference(t, reference, full)
    if history:
        from .history_view import change_lines

        shown = history if full else history[-HISTORY_LINES:]
        t.append(
            f"修改记录(共 {len(history)} 条,最新的在最上面" + ("" if full else ",按 h 查看全部") + "):\n", style="bold"
        )
        for h in reversed(shown):  # the newest first: never the one cut off at the pane's bottom
            for line in change_lines(h):
                t.append(f"  {shown_time(h['at'])} {h['os_user']} {line if full else _cut(line)}\n", style="dim")
    return t


HISTORY_LINES = 5  # in the pane; Enter (the full detail) and h show every line


def step_details(step: dict) -> str:
    """责任科室/责任人 · 时限 · 公开路径 · 目标 · 佐证 n 条, what of them the step has."""
    parts = [
        "/".join(v for v in (step.get("office"), step.get("person")) if v),
        f"时限 {step['deadline']}" if step.get("deadline") else "",
        f"公开路径 {step['path']}" if step.get("path") else "",
        f"目标 {step['target']}" if step.get("target") else "",
        f"佐证 {len(step['evidence'])} 条" if step.get("evidence") else "",
        f"不适用理由 {step['reason']}" if step.get("reason") else "",
    ]
    return " · ".join(p for p in parts if p)


def render_steps(t: Text, e: Entry) -> None:
    """细化: the unit's steps of the item, each with its status, details and narrative."""
    done = sum(s["status"] == "已完成" for s in e.steps)
    t.append(f"细化步骤(已完成 {done}/{len(e.steps)},按 b 编辑):\n", style="bold")
    for s in e.steps:
        t.append(f"  {e.id}.{s['number']} ")
        t.append(f"[{s['status']}]", style="bold" if s["status"] == "已完成" else "")
        t.append(f" {s['text']}\n")
        if details := step_details(s):
            t.append(f"      {details}\n", style="dim")
        if s.get("narrative"):
            t.append(f"      具体完成情况:{s['narrative'].replace(chr(10), ' / ')}\n", style="dim")


def _cut(line: str, limit: int = 40) -> str:
    return line if len(line) <= limit else line[:limit] + "…"


class DetailPane(Widget):
    """The highlighted line's detail. A fixed-size pane that repaints without a new
    screen layout (a status toggle stays fast); Enter opens the whole detail."""

    text: reactive[Text] = reactive(Text(""), layout=False)

    def render(self) -> Text:
        return self.text
