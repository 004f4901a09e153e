"""The text of a 细化 step's line and of evidence entries as both layouts print them
(the 上报版, submission.py; the 完整版, export.py) and the import compares them with
(step_import.py)."""

from __future__ import annotations

import datetime as dt
import re

from .layout import OFFICE_PERSON, REASON_LABEL, REPORT, ROLE, office_person_text


def file_name(value: str) -> str:
    """A file's name without its folders (`/home/…/通知.pdf`, `D:\\资料\\通知.pdf` → `通知.pdf`)."""
    return re.split(r"[\\/]", value.rstrip("\\/"))[-1] or value


def evidence_lines(records: list[dict]) -> list[str]:
    """Each evidence entry on a line: `标题：网址` (or the URL), a file by its title or name."""
    out = []
    for r in records:
        caption = (r.get("caption") or "").strip()
        if r["kind"] == "url":
            out.append(f"{caption}：{r['value']}" if caption else r["value"])
        else:
            out.append(caption or file_name(r["value"]))
    return out


def printed_evidence(narrative: str, records: list[dict]) -> list[dict]:
    """The evidence entries 具体完成情况 prints under the narrative: each once. An entry the
    narrative holds already (its link or path, or its whole line as printed: what the
    narrative editor starts from when nothing is written, kept by a unit that adds its
    sentence to it) is not printed again."""
    lines = {line.strip() for line in narrative.split("\n") if line.strip()}
    return [
        r
        for r, line in zip(records, evidence_lines(records))
        if not ((r.get("value") or "") and r["value"] in narrative) and line not in lines
    ]


def printed_report(narrative: str, records: list[dict]) -> str:
    """具体完成情况 as both layouts print it: the narrative, then each evidence entry once."""
    return "\n".join(p for p in (narrative, *evidence_lines(printed_evidence(narrative, records))) if p)


def step_deadline(value: str | None) -> str:
    """A step's 时限 as printed: an ISO date as `2026年6月30日前`, other words as written."""
    if not value:
        return ""
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{d.year}年{d.month}月{d.day}日前"


def step_values(item_seq: int, step: dict) -> dict[str, str]:
    """A 细化 step's line, right under its item: 序号 `3.1`, no 编号 (the import reads it as a
    step of the item above), its own text (and target), 公开路径, 时限, people, status and
    具体完成情况 (its narrative, then its evidence titles, a file by its name only)."""
    text = step["text"] + (f"\n目标：{step['target']}" if step.get("target") else "")
    narrative = printed_report(step.get("narrative") or "", step.get("evidence") or [])
    note = REASON_LABEL + step["reason"] if step.get("status") == "不适用" and step.get("reason") else ""
    return {
        "seq": f"{item_seq}.{step['number']}",
        "id": "",
        "task": text,
        "paths": step.get("path") or "",
        "deadline": step_deadline(step.get("deadline")),
        OFFICE_PERSON: office_person_text(step.get("office") or "", step.get("person") or ""),
        ROLE: "",
        "status": step.get("status") or "",
        REPORT: narrative,
        "note": note,
    }


def full_step_values(seq: int, step: dict, task: str) -> dict[str, str]:
    """A 细化 step's line in the 完整版, right under its item: 序号 `3.1`, no 编号, the step
    in the 贯彻举措 column (the import reads it as the 上报版's 工作任务: the same text), its
    公开路径, 时限, people, status, 完成时间, evidence (files by name) and 备注."""
    values = step_values(seq, step)
    office, person = step.get("office") or "", step.get("person") or ""
    return {
        "seq": values["seq"],
        "id": "",
        "task": task,
        "measure": values["task"],
        "requirement": "",
        "paths": values["paths"],
        "deadline": values["deadline"],
        "lead": "",
        "responsible": "",
        "office": office,
        "person": person,
        OFFICE_PERSON: office_person_text(office, person),
        "status": values["status"],
        "done_date": step.get("done_date") or "",
        "evidence": "\n".join(evidence_lines(step.get("evidence") or [])),
        "note": values["note"],
    }
