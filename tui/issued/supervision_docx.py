"""The two notices of 督查督办 (issue #25 item 5), on the GB/T 9704 page of gbt9704.py:

- 催办通知 `关于催报…任务完成情况的通知`: 主送 the sub-units chased, a short body, the table
  单位 | 事项 | 完成时限 | 状态 (未报送 / 已逾期 / 临近时限), the date line;
- 情况通报 `关于…任务完成情况的通报`: every sub-unit's counts and score, the rule under the
  table (supervision.SCORE_RULE), the date line.

The bodies are the settings' 催办正文 / 通报正文 when set; `{unit}`, `{issuer}`, `{date}` in
them are filled in (replaced as words: anything else written in braces stays as written)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import gbt9704
from .supervision import TALLY_COLUMNS, Tally, tally_row

CHASE_BODY = (
    "截至{date},下列单位承担的{unit}政务公开工作任务临近完成时限、已逾期或尚未报送完成情况。"
    "请有关单位对照下表抓紧推进,尽快将任务清单(完成情况及佐证材料)报送{issuer}。"
)
BULLETIN_BODY = "现将截至{date}{unit}分解的政务公开工作任务完成情况通报如下。"
CHASE_HEADERS = ("单位", "事项", "完成时限", "状态")
CHASE_WIDTHS_CM = (3.2, 8.5, 2.8, 2.2)  # 16.7 cm: A4 less the margins
BULLETIN_WIDTHS_CM = (2.8,) + (1.54,) * (len(TALLY_COLUMNS) - 1)  # 16.66 cm


@dataclass
class Notice:
    """What both notices share: who issues it, whose tasks, the year, the as-of date."""

    issuer: str
    unit: str
    year: int
    as_of: dt.date
    body: str = ""  # the settings' text; empty: the default

    def filled(self, text: str) -> str:
        day = f"{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日"
        return text.replace("{unit}", self.unit).replace("{issuer}", self.issuer).replace("{date}", day)


def chase_title(n: Notice) -> str:
    return f"关于催报{n.unit}{n.year}年政务公开工作任务完成情况的通知"


def bulletin_title(n: Notice) -> str:
    return f"关于{n.unit}{n.year}年政务公开工作任务完成情况的通报"


def _paragraphs(n: Notice, default: str) -> tuple[str, ...]:
    text = n.body.strip() or default
    return tuple(n.filled(p.strip()) for p in text.replace("|", "\n").split("\n") if p.strip())


def write_chase_docx(n: Notice, chased: list[dict], units: list[str], path: Path) -> Path:
    """The 催办通知: `chased` are supervision.to_chase's lines (with `task`, `deadline_text`)."""
    doc = gbt9704.new_document(chase_title(n))
    gbt9704.head(doc, n.issuer, None, chase_title(n), "、".join(units), _paragraphs(n, CHASE_BODY))
    gbt9704.paragraph(doc, "")
    table = gbt9704.grid_table(doc, CHASE_HEADERS, CHASE_WIDTHS_CM)
    for x in chased:
        where = x["item"] + (f".{x['step']}" if x["step"] else "")
        values = (x["sub_unit"], f"{where} {x['task']}", x["deadline_text"] or "—", x["state"])
        gbt9704.add_cells(table, values, CHASE_WIDTHS_CM)
    gbt9704.signature(doc, n.issuer, n.as_of)
    return gbt9704.save(doc, path)


def write_bulletin_docx(n: Notice, tallies: list[Tally], rule: str, path: Path) -> Path:
    """The 情况通报: a row per sub-unit, the rule of the score under the table."""
    doc = gbt9704.new_document(bulletin_title(n))
    gbt9704.head(doc, n.issuer, None, bulletin_title(n), "各有关单位", _paragraphs(n, BULLETIN_BODY))
    gbt9704.paragraph(doc, "")
    table = gbt9704.grid_table(doc, tuple(h for h, _ in TALLY_COLUMNS), BULLETIN_WIDTHS_CM)
    for t in tallies:
        gbt9704.add_cells(table, [str(v) for v in tally_row(t)], BULLETIN_WIDTHS_CM)
    gbt9704.paragraph(doc, f"评分规则:{rule}", size=gbt9704.TABLE_PT)
    gbt9704.signature(doc, n.issuer, n.as_of)
    return gbt9704.save(doc, path)
