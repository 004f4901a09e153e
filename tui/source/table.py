"""The neutral table every reader produces and the one interpreter reads (DESIGN.md §2).

A reader turns a file (.txt, .docx, .xlsx, .html) into a `SourceTable`: the lines before
the table (title, document number, issuer, date), the columns with the role each header
names, and the body — grid rows whose cells carry their merges, and heading lines between
them — with, for every piece, where it came from so that a message can name it.
Pure data: no parsing rules here beyond what a reader must agree on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column roles.
TASK, SEQ, LEAD, RESP, COOP, DEADLINE, REQUIREMENT = "任务", "序号", "牵头", "责任", "配合", "时限", "工作要求"
UNIT_ROLES = (LEAD, RESP, COOP)


@dataclass(frozen=True)
class Origin:
    """Where a piece of the table came from: a line of a text file, a cell of a sheet,
    or a cell of the n-th table of a Word document or web page."""

    line: int | None = None
    sheet: str | None = None  # xlsx: the sheet's name
    cell: str | None = None  # xlsx: "B5"
    table: int | None = None  # docx / html: 1-based table number
    row: int | None = None  # docx / html: 1-based row in that table
    col: int | None = None  # docx / html: 1-based column
    para: int | None = None  # docx: 1-based paragraph outside any table
    page: int | None = None  # pdf: 1-based page (with a line of it, or a table on it)

    def __str__(self) -> str:
        if self.page is not None:
            return f"第 {self.page} 页" + str(Origin(self.line, table=self.table, row=self.row, col=self.col))
        if self.sheet is not None:
            return f"工作表「{self.sheet}」单元格 {self.cell}"
        if self.table is not None:
            where = f"第 {self.table} 个表格第 {self.row} 行"
            return where + (f"第 {self.col} 列" if self.col is not None else "")
        if self.para is not None:
            return f"第 {self.para} 段"
        if self.line is None:
            return "全文"  # a note about the whole document
        return f"第 {self.line} 行"

    @property
    def sort_key(self) -> tuple:
        return (
            self.page or 0,
            self.line or 0,
            self.sheet or "",
            self.table or 0,
            self.row or 0,
            self.col or 0,
            self.para or 0,
        )


# What each kind of note is called where build-db counts them (every kind the readers, the
# interpreter and the build record; tests/test_build_report.py checks none is missing).
NOTE_LABELS = {
    "lead_from_above": "牵头单位沿用上一行",
    "row_continued": "分页续行",
    "header_mapped": "表头栏目对应",
    "header_repeated": "重复的表头",
    "lines_joined": "折行合并",
    "bracket_unclosed": "未闭合的括号",
    "unit_note": "单位附注",
    "number_normalised": "文号规范化",
    "task_shared": "合并单元格的任务",
    "items_from_requirement": "条目取自工作要求",
    "numbering_continued": "编号接续上一行",
    "heading_from_seq": "序号栏中的标题",
    "heading_before_table": "表格前的标题",
    "table_appended": "后续表格并入",
    "table_ignored": "未读入的表格",
    "charset_guessed": "网页编码推定",
    "charset_mismatch": "网页编码与声明不符",
    "column_unknown": "无法识别的栏目",
    "outside_columns": "表头以外的内容",
    "lines_below_table": "表格下方的文字",
    "unit_alias": "单位按目录中的名称",
    "date_unread": "无法读出的时限",
    "deadline_steps": "分阶段的时限",
    "upper_unknown": "在上级文件中找不到的任务",
    "odd_unit": "不像单位的名称",
    "unit_twice": "重复的单位",
    "text_skipped": "未读入的文字",
    "tail_skipped": "文末的页脚或版记",
    "signature_skipped": "表格后的落款",
    "issuer_from_signature": "发文单位取自落款",
    "level_assumed": "推定的文件层级",
    "level_from_title": "按标题判断的文件层级",
    "roles_in_cell": "单位栏中写明的角色",
    "traditional": "繁体字文件",
    "converted": "格式转换",
    "number_missing": "没有文号",
    "task_from_heading": "标题即任务",
    "year_given": "指定的年度",
    "year_span": "跨年度的标题",
    "empty_collective": "没有成员的统称",
    "members_only_named": "成员不全的统称",
    "heading_skipped": "跳过的章节编号",
    "rule_in_note": "单位括号中的分工规则",
    "person_label": "写的是领导(人)",
    "glosses_removed": "删去的拼音注音",
    "collective_spelling": "同一统称的不同写法",
    "collective_apart": "分开记录的相近统称",
    "unit_from_subject": "主语中的单位",
    "unit_from_heading": "单位取自小标题",
    "units_no_role": "未写角色的单位括号",
    "label_unknown": "不认识的单位栏目名",
    "rows_at_units": "按单位栏分行",
    "units_each_reported": "单位与其情况交替写出",
    "units_from_above": "单位沿用上一行",
    "star_lead": "标★的牵头单位",
    "deadline_in_requirement": "工作要求中的时间节点",
    "header_inferred": "按内容推定的表头",
    "remarks_as_deadline": "备注栏作完成时限",
    "title_missing": "没有标题",
    "task_titles_joined": "多段标题并作任务",
}


@dataclass(frozen=True)
class Note:
    """A judgement call a reader or the interpreter made; shown by `build-db`.
    `severity` is "info" (recorded, nothing doubtful) or "warning" (a person should look)."""

    origin: Origin
    kind: str  # header_mapped | lead_from_above | row_continued | text_repaired | lines_joined | …
    message: str
    severity: str = "info"


@dataclass(frozen=True)
class Column:
    role: str
    header: str  # as the document writes it
    origin: Origin


@dataclass(eq=False)
class Cell:
    """One table cell. A merged cell is one object that several grid rows refer to.
    `paragraphs` are the cell's paragraphs in order; `origins` says where each came from
    (same length as `paragraphs`; for a one-place cell every entry is the cell's origin)."""

    paragraphs: list[str]
    origin: Origin
    origins: list[Origin] = field(default_factory=list)
    rebuilt: str | None = None  # why a reader decided this cell continues from above (text reader)

    def __post_init__(self) -> None:
        if not self.origins:
            self.origins = [self.origin] * len(self.paragraphs)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class GridRow:
    """One row of the table. `cells[i]` is the cell in column i, or None when empty.
    `starts[i]` is False when the cell began in a row above (a vertical merge)."""

    cells: list[Cell | None]
    starts: list[bool]
    origin: Origin
    more: list[Origin] = field(default_factory=list)  # other places of this row (after a page break)


@dataclass(frozen=True)
class Heading:
    """A line between table rows (一、… / (一)…), or a row merged across the whole table.
    `unnumbered`: a section title written without a number above `(一)` (a reader that knows
    its place says so); it names the one implicit section."""

    text: str
    origin: Origin
    unnumbered: bool = False


@dataclass
class SourceTable:
    preamble: list[tuple[str, Origin]]  # non-empty lines before the table, in order
    columns: list[Column]
    body: list[GridRow | Heading]
    header_origin: Origin
    notes: list[Note] = field(default_factory=list)
    tail: list[tuple[str, Origin]] = field(default_factory=list)  # lines after the table (ignored)
    repairs: list = field(default_factory=list)  # model.Repair: extraction damage a reader mended
    fields: object = None  # breakdown_table.Fields: a table workbook gives the document's fields in cells

    def column(self, role: str) -> int | None:
        for i, c in enumerate(self.columns):
            if c.role == role:
                return i
        return None
