"""Synthetic 任务分工 documents and databases, reproducible from a seed.

The document is rendered in the real flattened layout (headings repeated at page
tops, merged lead cells, multi-unit cells) and built with the real importer, so a
benchmark measures the code users run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
from pathlib import Path

from tui.source.numerals import int_to_chinese
from tui.units import DISTRICTS

DEPARTMENTS = [
    "市发展改革委",
    "市教委",
    "市经济信息委",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力社保局",
    "市规划自然资源局",
    "市生态环境局",
    "市住房城乡建委",
    "市交通局",
    "市农业农村委",
    "市商务委",
    "市文化旅游委",
    "市卫生健康委",
    "市应急局",
    "市市场监管局",
    "市金融监管局",
    "市城市管理局",
]
_WORDS = (
    "公开",
    "本区县",
    "政策文件",
    "解读信息",
    "规范性文件",
    "政务服务",
    "办事指南",
    "重点领域",
    "信息发布",
    "栏目",
    "动态更新",
    "集中展示",
    "归集整理",
    "年度报告",
    "政府网站",
    "政务新媒体",
)
_PREAMBLE = """重庆市人民政府办公厅关于印发合成测试任务分工的通知

渝府办发〔{year}〕1号

{year}年1月1日

合成测试任务分工

工作任务

牵头单位

责任单位
"""


def _sentence(rng: random.Random, long: bool, year: int = 2099) -> str:
    n = rng.randint(12, 40) if long else rng.randint(4, 10)
    body = "".join(rng.choice(_WORDS) for _ in range(n))
    path = f"(公开路径:1.政府网站>政府信息公开>{rng.choice(_WORDS)}>{rng.choice(_WORDS)},2.其他渠道)"
    deadline = rng.choice(["", "", f"于{year}年{rng.randint(1, 12)}月底前", "每年", "5个工作日内"])
    return f"{body},{deadline}做好工作{path}。"


def make_document(
    seed: int, items: int, items_per_row: int = 5, rows_per_subsection: int = 40, subsections: int = 5, year: int = 2099
) -> str:
    """A document of `year` with about `items` items, every row naming 各区县政府 among its units."""
    rng = random.Random(seed)
    blocks = [_PREAMBLE.format(year=year)]
    rows_needed = max(1, -(-items // items_per_row))
    row = 0
    section = 0
    while row < rows_needed:
        section += 1
        sec_title = f"{int_to_chinese(section)}、紧扣第{section}项重点深化政务公开"
        blocks.append(sec_title)
        for sub in range(1, subsections + 1):
            if row >= rows_needed:
                break
            sub_title = f"({int_to_chinese(sub)})做好第{sub}类信息公开。"
            blocks.append(sub_title)
            for r in range(rows_per_subsection):
                if row >= rows_needed:
                    break
                row += 1
                count = min(items_per_row, items - (row - 1) * items_per_row) or 1
                for k in range(1, count + 1):
                    blocks.append(
                        f"{k}.{_sentence(rng, rng.random() < 0.3, year)}" if count > 1 else _sentence(rng, True, year)
                    )
                lead = rng.choice(DEPARTMENTS)
                extra = rng.sample(DEPARTMENTS, rng.randint(0, 2))
                blocks.append(lead)
                blocks.append("、".join(extra + ["各区县政府"]))
                if r % 7 == 6:  # a page break: headings printed again
                    blocks += [sec_title, sub_title]
    return "\n\n\u00a0\n\n".join(blocks) + "\n"


def make_database(path: Path, seed: int, items: int, progress_units: int = 12) -> Path:
    """Build a database from a synthetic document and give several units progress and evidence."""
    from tui.store.build import build_database

    src = path.with_suffix(".txt")
    src.write_text(make_document(seed, items), encoding="utf-8")
    build_database(src, path)
    add_progress(path, 1, seed, progress_units)
    return path


def add_documents(path: Path, years: list[int], items: int, progress_units: int = 12) -> Path:
    """Load one more synthetic document per year into `path` (with `load`, as users do),
    each with progress and evidence of its own."""
    from tui.store.load import load_document

    for n, year in enumerate(years, start=2):
        src = path.with_name(f"{path.stem}-{year}.txt")
        src.write_text(make_document(n * 101, items, year=year), encoding="utf-8")
        load_document(path, src)
        with sqlite3.connect(path) as conn:
            doc = conn.execute("SELECT max(id) FROM document").fetchone()[0]
        add_progress(path, doc, n * 101, progress_units)
    return path


def add_progress(path: Path, doc: int, seed: int, progress_units: int) -> None:
    rng = random.Random(seed + 1)
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE doc = ?", (doc,))]
    units = ["各区县政府", *DISTRICTS[:progress_units]]
    stamp = dt.datetime(2099, 3, 1).isoformat()
    progress, evidence = [], []
    for unit in units:
        for item in ids:
            roll = rng.random()
            if roll < 0.5:
                continue
            status = "已完成" if roll < 0.8 else ("推进中" if roll < 0.95 else "不适用")
            progress.append(
                (
                    doc,
                    item,
                    unit,
                    status,
                    "不涉及" if status == "不适用" else None,
                    "备注" * rng.randint(0, 20) or None,
                    stamp,
                )
            )
            if status == "已完成" and rng.random() < 0.7:
                evidence.append(
                    (
                        doc,
                        item,
                        unit,
                        "url",
                        f"https://www.example.gov.cn/{hashlib.md5(item.encode()).hexdigest()}",
                        "",
                        stamp,
                    )
                )
    conn.executemany(
        "INSERT INTO progress (doc, item_id, unit, status, reason, note, updated_at) VALUES (?,?,?,?,?,?,?)", progress
    )
    conn.executemany(
        "INSERT INTO evidence (doc, item_id, unit, kind, value, caption, added_at) VALUES (?,?,?,?,?,?,?)", evidence
    )
    conn.commit()
    conn.close()
