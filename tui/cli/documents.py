"""Commands for the documents of the working database: build-db, load, template, documents
(each registered in commands.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..store.db import working_db
from ..store.documents import label
from ..store.load_summary import build_report_lines, references_line, who_does_what
from ..store.schema import STATUSES
from ..textwidth import fit
from .shared import DbOption, JsonOption, emit_json, fail, friendly_errors, open_store


def carry_lines(report, done: str = "带入") -> list[str]:
    """What carrying progress onto a revised text did, and what a person must check."""
    steps = f",细化步骤 {report.step_rows} 个(佐证 {report.step_evidence_rows} 条)" if report.step_rows else ""
    cascade = f",分解 {report.assignment_rows} 条" if report.assignment_rows else ""
    cascade += f",下级报送 {report.report_rows} 条" if report.report_rows else ""
    cascade += f",上级条目的对应 {report.upper_rows} 条" if report.upper_rows else ""
    lines = [
        f"已{done}:进度 {report.progress_rows} 条,佐证 {report.evidence_rows} 条{steps}{cascade},"
        f"修改记录 {report.history_rows} 条。"
    ]
    if report.sub_unit_rows:
        lines.append(f"已{done}下级单位目录中的 {report.sub_unit_rows} 个名称。")
    renamed = {o: n for o, n in report.moved.items() if o != n}
    if renamed:
        lines.append("编号有变化(文字相同):" + ";".join(f"{o} → {n}" for o, n in sorted(renamed.items())))
    if report.changed:
        lines.append(f"需要人工核对(文字已修改或条目已删除,进度未{done}):{'、'.join(report.changed)}")
    if report.ambiguous:
        lines.append(f"需要人工核对(新文件中有多条相同文字,进度未{done}):{'、'.join(report.ambiguous)}")
    if report.cascade_changed:
        lines.append(
            f"需要人工核对(文字已修改或条目已删除,分解和下级报送未{done},请在新文件中重新分解):"
            + "、".join(report.cascade_changed)
        )
    target = "新数据库" if done == "迁移" else "新文件"
    for pairs, words in (
        (report.conflicts, f"{target}中已有进度,未覆盖"),
        (report.cascade_conflicts, f"{target}中已有不同的分解或下级报送,保留原有的,未覆盖"),
        (report.steps_left, f"细化步骤未{done}({target}中已有各自的步骤),其分解和下级报送也未{done}"),
    ):
        if pairs:
            lines.append(f"{words}:" + "、".join(f"{u} {i}" for u, i in pairs))
    if report.dropped_units:
        lines.append(f"需要人工核对(新文件中没有这些单位,其进度和分解未{done}):{'、'.join(report.dropped_units)}")
    return lines


def build_db(
    source: Path = typer.Argument(..., help="任务分工文件:.txt(UTF-8 或 GBK)、.docx、.xlsx、.html/.htm"),
    out: Path = typer.Option(Path("data/tasks.sqlite"), "-o", "--out", help="输出的数据库"),
    catalogue: Optional[Path] = typer.Option(
        None, "--catalogue", help="单位目录文件(默认:数据目录中的 单位目录.txt,若有)"
    ),
    strict: bool = typer.Option(False, "--strict", help="有任何警告就不生成数据库(退出码 2)"),
    year: Optional[int] = typer.Option(
        None, "--year", min=2000, max=2100, help="文件的年度,文件中没有写明时必须指定(如 2026)"
    ),
) -> None:
    """由任务分工文件生成数据库(原子写入:失败时不留下半个文件),并报告每一处判断和警告。"""
    from ..store.build import WarningsRefused, build_database

    with friendly_errors():
        from ..workbook.recognise import refuse_exported_checklist

        refuse_exported_checklist(source)  # an exported 任务清单 goes back with import
        try:
            report = build_database(source, out, catalogue, strict, year)
        except WarningsRefused as e:
            for line in build_report_lines(e.report):
                typer.echo(line)
            raise
    for line in build_report_lines(report):
        typer.echo(line)
    for path in report.leftovers:
        typer.echo(f"已删除上次中断的生成留下的临时文件 {path}")
    typer.echo(f"已生成 {out}")


def load_cmd(
    source: Path = typer.Argument(..., help="任务分工文件:.txt(UTF-8 或 GBK)、.docx、.xlsx、.html/.htm"),
    revises: Optional[str] = typer.Option(
        None,
        "--revises",
        help="这是已载入的某份文件(写其文号)的修订文本:进度按条目文本带入,文本改动或删除的条目列出供核对",
    ),
    db: Optional[Path] = DbOption,
    catalogue: Optional[Path] = typer.Option(
        None, "--catalogue", help="单位目录文件(默认:数据目录中的 单位目录.txt,若有)"
    ),
    strict: bool = typer.Option(False, "--strict", help="有任何警告就不载入(退出码 2)"),
    year: Optional[int] = typer.Option(
        None, "--year", min=2000, max=2100, help="文件的年度,文件中没有写明时必须指定(如 2026)"
    ),
    as_table: Optional[Path] = typer.Option(
        None,
        "--as-table",
        help="不载入,而是把读出的内容写成任务分工表(xlsx),每处判断写在该行的「说明」栏;核对、改正后再用 load 载入该表",
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="不询问,直接载入(脚本用);不加时先列出读到的内容并询问"),
) -> None:
    """把一份任务分工载入工作数据库,与已有的各份文件并存(一个事务:要么全部载入,要么什么都不改)。"""
    with friendly_errors():  # an exported 任务清单 goes back with import, before any database is opened
        from ..workbook.recognise import refuse_exported_checklist  # openpyxl's package, loaded on first use

        refuse_exported_checklist(source)
    from ..store.build import WarningsRefused
    from ..store.load import load_document

    if as_table is not None:
        write_as_table_cmd(source, as_table, catalogue, year)
        return
    from ..store.build import read_and_plan

    with friendly_errors():
        try:
            _, report = read_and_plan(source, catalogue, strict, year)  # nothing is written yet
        except WarningsRefused as e:
            for line in build_report_lines(e.report):
                typer.echo(line)
            raise
    for line in build_report_lines(report) + who_does_what(report):
        typer.echo(line)
    confirm_load(yes)
    with friendly_errors():
        path = working_db(db, create=True).path  # loading may start a new working database
        done = load_document(path, source, revises, catalogue, strict, year=year)
    doc = done.build.document
    if done.revised is not None:
        typer.echo(
            f"这是 {label(done.revised)} 的修订文本:此后各命令和界面使用修订后的文本,"
            "修订前的文本及其进度仍保留在数据库中(gongkai-tui documents 可查看)。"
        )
        for line in carry_lines(done.carried):
            typer.echo(line)
        if done.changed_items:
            typer.echo(f"修订前有、修订后没有相同文本的条目 {len(done.changed_items)} 个:")
            for it in done.changed_items:
                who = f"(有进度:{'、'.join(it['units'])},未带入)" if it["units"] else ""
                who += f"(有分解:{'、'.join(it['assigned'])},未带入)" if it["assigned"] else ""
                typer.echo(f"  {fit(it['id'], 11)} {it['now']}  {fit(it['text'].replace(chr(10), ' '), 50)}{who}")
        if done.added_items:
            typer.echo(
                f"修订后新增或改写的条目 {len(done.added_items)} 个:" + "、".join(it["id"] for it in done.added_items)
            )
    typer.echo(references_line(done))
    typer.echo(
        f"已载入 {label(doc)}(数据库 {path});查看:gongkai-tui --unit 单位名称"
        + ("" if done.revised else f" --doc {doc_spec(doc, done)}")
    )


def doc_spec(doc, done) -> str:
    """What `--doc` names the loaded document by: its year, unless another document has that
    year (then its number, or its listing id)."""
    if doc.year and not done.year_shared:
        return str(doc.year)
    return doc.number or f"#{done.doc_id}"


def confirm_load(yes: bool) -> None:
    """Store only what a person has seen: --yes, or y typed at the terminal; without a
    terminal and without --yes nothing is stored."""
    if yes:
        return
    from .dates import on_terminal

    way_out = "若有读错,可用 gongkai-tui load 文件 --as-table 读取结果.xlsx 写出后改正再载入"
    if not on_terminal():
        raise fail(f"没有确认:核对以上读到的内容后加 --yes 载入;{way_out}。数据库未改动")
    if not typer.confirm("按以上内容载入这份任务分工吗?", default=False, err=True):
        typer.echo(f"未载入,数据库未改动。{way_out}。", err=True)
        raise typer.Exit(1)


def write_as_table_cmd(source: Path, out: Path, catalogue: Optional[Path], year: Optional[int]) -> None:
    """`load FILE --as-table OUT`: what was read, as the breakdown table workbook; nothing is loaded."""
    from ..workbook.read_as_table import write_read_table, written_lines

    with friendly_errors():
        written = write_read_table(source, out, catalogue, year)
    lines = written_lines(written, out, f"改正后用 gongkai-tui load {written.target.name} 载入。")
    if written.refused is not None:
        # the document was refused: an error (exit 2, as every refusal), though its lines were written
        typer.echo("错误:" + lines[0], err=True)
        for line in lines[1:]:
            typer.echo(line, err=True)
        raise typer.Exit(2)
    for line in lines:
        typer.echo(line)


def template_cmd(
    out: Path = typer.Option(Path("任务分工模板.xlsx"), "-o", "--out", help="写到哪个文件(已存在时另取名字,不覆盖)"),
) -> None:
    """写出空白的任务分工表(xlsx):任何一份任务分工都可以照它填写,再用 gongkai-tui load 载入。"""
    from ..workbook.breakdown_workbook import write_template
    from ..workbook.files import unused_path

    with friendly_errors():
        target = write_template(unused_path(out))
    typer.echo(
        f"已写出空白的任务分工表 {target}:填写文号等文件信息和各行任务(「说明」页有填写方法),"
        f"删除示例行后用 gongkai-tui load {target.name} 载入。"
    )


def _status_counts(progress: dict) -> str:
    parts = [f"{s} {progress[s]}" for s in STATUSES if progress.get(s)]
    return ",".join(parts + ([f"佐证 {progress['evidence']}"] if progress.get("evidence") else []))


def documents_cmd(db: Optional[Path] = DbOption, as_json: bool = JsonOption) -> None:
    """列出工作数据库中的各份任务分工:文号、标题、年度、发文单位、层级、行数、条目数,以及各单位的进度。"""
    with open_store(db, readonly=True) as store, friendly_errors():
        docs = store.documents()
        newest = store.doc
        out = []
        for d in docs:
            out.append(
                {
                    "id": d["id"],
                    "number": d["number"],
                    "title": d["title"],
                    "table_title": d["table_title"],
                    "year": d["year"],
                    "issued": d["issued"],
                    "issuer": d["issuer"],
                    "level": d["level"],
                    "rows": d["rows"],
                    "items": d["items"],
                    "source_name": d["source_name"],
                    "loaded_at": d["loaded_at"],
                    "superseded_by": d["superseded_by"],
                    "default": d["id"] == newest,
                    "progress": store.document_progress(d["id"]),
                }
            )
    if as_json:
        emit_json(out)
        return
    numbers = {d["id"]: label(d) for d in out}
    for d in out:
        mark = "(默认)" if d["default"] else ""
        if d["superseded_by"]:
            mark = f"(已被修订文本 #{d['superseded_by']} 取代)"
        typer.echo(
            f"#{d['id']} {label(d)} {d['year'] or '年度未知'}年 {d['issuer'] or '发文单位未知'}"
            f" · {d['level']}级 · {d['rows']} 行 {d['items']} 个条目{mark}"
        )
        typer.echo(f"    {d['table_title'] or d['title']}")
        for unit, progress in d["progress"].items():
            typer.echo(f"    {fit(unit, 30)} {_status_counts(progress)}")
    if len(out) > 1:
        typer.echo(f"默认使用 {numbers[newest]};其他文件用 --doc 文号 或 --doc 年度 指定(修订前的文本用 --doc #序号)")
