"""Prose breakdowns → `SourceTable`: numbered paragraphs (`一、` `(一)` `1.`), each task
ending in a bracket that names its units and deadline (`(牵头单位:…;责任单位:…;完成时限:…)`,
`(国务院审改办、人力资源社会保障部负责)`), the most common shape for a 区县 or a city.

The reader lays the prose out as the table it stands for: a heading line per `一、`/`(一)`,
and a row per bracket whose task cell holds the paragraphs since the previous bracket or
heading, with one unit cell per role and the deadline in a 完成时限 cell; the one interpreter
then reads it like any table. Where a document's own numbering puts `一、`, `(一)` and `1.`
on one line, they are split; a bracket left open at a line's end joins the next lines (a
hard-wrapped `(公开路径:1.…,` followed by `2.…` is one item, not two).

Text that no bracket closes (a notice's 总体要求, 保障措施) is not a task: each such paragraph
is a warning in the report, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import BLANKS, DOT, IDEO_COMMA, LPAREN, RPAREN, cls
from ..errors import ParseError
from ..headings import heading_of
from ..numerals import CHINESE_NUMERAL_CHARS
from ..rolecell import LABELS, RoleProblem, Roles, read_bracket
from ..table import COOP, DEADLINE, LEAD, RESP, TASK, Cell, Column, GridRow, Heading, Note, Origin, SourceTable
from ..title import gives_names
from .hard_wraps import join_hard_wraps
from .page import drop_lost_blanks, holds_number, is_page_residue
from .prose_bare_units import bare_unit_roles
from .prose_rules import LABEL_LINE as _LABEL_LINE
from .prose_rules import BracketRules, split_spaced_headings, split_spaced_labels, split_spaced_preamble, unknown_label
from .prose_standing import StandingUnits
from .prose_tail_units import bracket_tail_units, close_open_field

# Round brackets, and the square ones some offices write the unit field in (`[责任单位:…]`,
# `［…］`, `【牵头单位:…】`); a 文号's `[2020]` or a database's `【法宝引证码】` names no role and is left alone.
_OPEN, _CLOSE = LPAREN + "〔[［【", RPAREN + "〕]］】"
_PAIRS = (LPAREN + RPAREN, "〔〕", "[［]］", "【】")
_SUBSECTION_MARK = re.compile(rf"{cls(LPAREN)}[{CHINESE_NUMERAL_CHARS}]{{1,3}}{cls(RPAREN)}")
# The first item of a list run into its heading's line: `(一)加强解读1.做好…`.
_FIRST_ITEM = re.compile(rf"(?<![\d{re.escape(DOT)}])1\s*{cls(DOT, IDEO_COMMA)}(?=[\u4e00-\u9fff“])")
_NUMBERED = re.compile(
    rf"^\d{{1,3}}\s*{cls(DOT, IDEO_COMMA)}(?=[{re.escape(BLANKS)}]*[\u4e00-\u9fff“])"
)  # `1. 稳企业`: a blank after the dot too
_HEADING_TITLE_END = "。；;：:"
_COLUMN_HEADERS = {TASK: "工作任务", LEAD: "牵头单位", RESP: "责任单位", COOP: "配合单位", DEADLINE: "完成时限"}
_NUMBER_ALONE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【﹝〖]\s*\d{4}\s*[〕\]］)）】﹞〗]\s*第?\s*\d{1,4}\s*号$"
)
_LEADING_STOPS = "。;；,，"
_MAX_JOINED = 12  # lines a bracket left open may run over before it is called unclosed


@dataclass
class _Bracket:
    start: int
    end: int  # after the closing bracket
    roles: Roles
    bare: bool = False  # unit names only, no role word (prose_bare_units.py): read as 责任单位


@dataclass
class _TaskRow:
    """A bracket naming units ends a task: the paragraphs since the one before, its roles, its line."""

    paras: list[tuple[str, Origin]]
    roles: Roles
    origin: Origin


def _kind(c: str) -> int:
    """Which pair a bracket character belongs to: round (either width), 〔〕, square, 【】."""
    return next(k for k, pair in enumerate(_PAIRS) if c in pair)


def _scan(text: str):
    """Yield (start, end) for each top-level bracket closed, then the brackets still open (a
    list of their kinds and starts). A closing bracket closes the innermost open one of its own
    kind, and any other kinds opened inside it are dropped: `(铜府办字〔202131号)` — a cited
    number that lost its `〕` — ends at its `)`, not at the end of the line. A closing bracket
    of a kind not open closes the innermost one, whatever its kind (`(…〕`)."""
    stack: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c in _OPEN:
            stack.append((_kind(c), i))
        elif c in _CLOSE and stack:
            kind = _kind(c)
            at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == kind), len(stack) - 1)
            start = stack[at][1]
            del stack[at:]
            if not stack:
                yield start, i + 1
    yield stack


def brackets(text: str) -> list[tuple[int, int]]:
    """Top-level bracket spans (start, end after the closing one); an unclosed one is left out."""
    return [span for span in _scan(text) if isinstance(span, tuple)]


def open_depth(text: str) -> int:
    *_, still_open = _scan(text)
    return len(still_open)


def role_brackets(text: str, origin: Origin) -> list[_Bracket]:
    found = []
    for start, end in brackets(text):
        try:
            roles = read_bracket(text[start + 1 : end - 1])
        except RoleProblem as e:
            raise ParseError(origin, f"括号中的单位无法读出角色:{e}", text[start:end]) from None
        if roles is not None:
            found.append(_Bracket(start, end, roles))
        elif (bare := bare_unit_roles(text, start, end)) is not None:
            found.append(_Bracket(start, end, bare, bare=True))
    return found


def split_shared_line(text: str) -> list[str]:
    """`一、总体要求(一)指导思想` → two lines; `(一)加强解读1.做好…` → two lines. Only at the
    start of a heading line, so a `(一)` or `1.` inside a sentence stays where it is."""
    found = heading_of(text)
    if found is None:
        return [text]
    level = found[0]
    prefix_len = len(text) - len(found[2])
    title = text[prefix_len:]
    if level == 1 and (m := _SUBSECTION_MARK.search(title)) and m.start() > 0:
        return [text[: prefix_len + m.start()].rstrip(BLANKS)] + split_shared_line(title[m.start() :])
    if (m := _FIRST_ITEM.search(title)) and m.start() > 1 and not open_depth(title[: m.start()]):
        return [text[: prefix_len + m.start()].rstrip(BLANKS), title[m.start() :]]
    return [text]


def _labels_as_brackets(paras: list[tuple[str, Origin]]) -> list[tuple[str, Origin]]:
    """Consecutive label lines become the one bracket they stand for, at the first one's place."""
    out: list[tuple[str, Origin]] = []
    run: list[tuple[str, Origin]] = []
    for text, origin in paras + [("", Origin())]:
        if text and _LABEL_LINE.match(text):
            run.append((text.rstrip("。;；"), origin))
            continue
        if run:
            out.append(("（" + "；".join(t for t, _ in run) + "）", run[0][1]))
            run = []
        if text:
            out.append((text, origin))
    return out


# `【牵头单位】区财政局【责任单位】区政府各部门`: the labels in square brackets, no colon; the
# fields run to the end of the paragraph.
_BRACKETED_LABEL = re.compile(
    r"[【\[［](" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + r")[】\]］]"
)


def bracketed_labels(text: str) -> str:
    """`…。【牵头单位】X【责任单位】Y` → `…。（牵头单位:X；责任单位:Y）`, the bracket the fields stand for."""
    first = _BRACKETED_LABEL.search(text)
    if first is None or not text[first.end() :].strip(BLANKS):
        return text
    fields = _BRACKETED_LABEL.sub(lambda m: "；" + m.group(1) + ":", text[first.start() :])
    return text[: first.start()] + "（" + fields.lstrip("；").rstrip(BLANKS + "。；;") + "）"


def looks_like_prose(lines: list[str]) -> bool:
    """Whether the text names its units in brackets after the tasks (at least one bracket
    with a role label or role words); also once the lines a hard-wrapped copy broke (a bracket
    over two printed lines) are joined back, as the prose reader joins them (hard_wraps.py)."""
    if _brackets_after_tasks(lines):
        return True
    joined, joins = join_hard_wraps(
        [(Origin(line=0), line.strip(BLANKS)) for line in lines], lambda t: bool(_LABEL_LINE.match(t))
    )
    return joins > 0 and _brackets_after_tasks([t for _, t in joined])


def _brackets_after_tasks(lines: list[str]) -> bool:
    lines = [part for line in lines for part in split_spaced_labels(line.strip(BLANKS), open_depth)]
    at = [i for i, line in enumerate(lines) if _LABEL_LINE.match(line.strip(BLANKS))]
    if len(at) >= 2:
        return True
    # One label line right after a numbered task (`1.…` / `(一)…` then `责任单位:…`): a short
    # text, or a page cut after its first task, is still prose.
    before = lines[at[0] - 1].strip(BLANKS) if len(at) == 1 and at[0] > 0 else ""
    if before and (heading_of(before) is not None or _NUMBERED.match(before)):
        return True
    bare = []  # lines whose brackets name units without a role word
    for k, line in enumerate(close_open_field(bracket_tail_units(bracketed_labels(line))) for line in lines):
        if not any(c in line for c in _OPEN):
            continue
        try:
            found = role_brackets(line, Origin(line=0))
        except ParseError:
            return True  # a bracket about units that needs a person: the prose reader says so
        if any(not b.bare for b in found):
            return True
        if found:
            bare.append(k)
    # Brackets of unit names alone: prose when two tasks end so, or one right under a numbered heading.
    return len(bare) >= 2 or any(_numbered(lines[k]) or (k > 0 and _numbered(lines[k - 1])) for k in bare)


def _numbered(line: str) -> bool:
    line = line.strip(BLANKS)
    return heading_of(line) is not None or bool(_NUMBERED.match(line))


def is_preamble_line(text: str) -> bool:
    """A line that can be the title, number, issuer, date or table title: not the notice's
    sentences (`…贯彻落实。`), its addressees (`各区县政府,市政府各部门:`), a remark in
    brackets (`(此件公开发布)`) or the page around it."""
    text = text.strip(BLANKS)
    if text.endswith((":", "：")) and holds_number(text) and "。" not in text:
        return True  # `文件编号: 衢政办发〔2021〕3号 统一编号:`: the page's next field is empty
    if is_page_residue(text) or text.endswith(("。", ":", "：", "!", "！")):
        return False
    # `(此件公开发布)` is a remark; `(通政办发〔2018〕23号)` the document's 文号 in brackets
    return not (text[:1] in _OPEN and text[-1:] in _CLOSE) or bool(_NUMBER_ALONE.match(text[1:-1].strip(BLANKS)))


def keeps_in_preamble(text: str) -> bool:
    """The lines before the tasks that the preamble reader gets: those that can be a field of the
    document (is_preamble_line), and the notice's sentence giving the breakdown's name (a title
    wrapped over two lines is joined when that name confirms it, ../title.py)."""
    return is_preamble_line(text) or gives_names(text)


_TITLE_END = ("要点", "方案", "分工", "分解", "计划", "清单", "意见", "通知", "规划", "细则", "办法", "台账", "安排")
_SIGNATURE = re.compile(r"^(\d{4}\s*年|附件|.*(办公厅|办公室|人民政府|政府|管委会|委员会)$)")


def unnumbered_section(paras: list[tuple[str, Origin]], start: int) -> bool:
    """Whether the line just above a body that opens with `(一)` is the section those
    subsections belong to (`“十三五”应急体系9个具体建设任务`): a short line after the
    document's introduction (a sentence that is not the notice's `印发给你们`), below the title,
    that names no document kind (a title right after the notice would)."""
    h = heading_of(paras[start][0])
    if h is None or h[0] != 2 or start < 3:
        return False
    text, before = paras[start - 1][0], paras[start - 2][0]
    return (
        is_preamble_line(text)
        and len(text) <= 40
        and not _SIGNATURE.match(text)
        and not text.endswith(_TITLE_END)
        and heading_of(text) is None
        and before.endswith("。")
        and len(before) >= 30
        and "印发给你们" not in before
        and any(is_preamble_line(t) for t, _ in paras[: start - 2])
    )


class _ProseReader:
    def __init__(self, lines: list[tuple[str, Origin]]):
        self.lines, joins = join_hard_wraps(
            [(origin, raw.strip(BLANKS)) for raw, origin in lines], lambda t: bool(_LABEL_LINE.match(t))
        )
        self.notes: list[Note] = []
        if joins:
            self.notes.append(
                Note(
                    self.lines[0][0], "lines_joined", f"文字按页面宽度折行(如从 PDF 复制):{joins} 处折行已与上一行接续"
                )
            )
        self.body: list[Heading | _TaskRow] = []
        self.pending: list[tuple[str, Origin]] = []

    def paragraphs(self) -> list[tuple[str, Origin]]:
        """Non-empty lines, shared lines split, open brackets joined with the lines after them."""
        out: list[tuple[str, Origin]] = []
        i = 0
        while i < len(self.lines):
            origin, text = self.lines[i]
            text = bracketed_labels(text)
            if (bracketed := bracket_tail_units(text)) != text:
                text = bracketed
                self.notes.append(Note(origin, "roles_in_cell", "段末写明单位及其角色,没有括号:按写明单位的括号读取"))
            i += 1
            if not text:
                continue
            joined, alone = 0, text
            while open_depth(text) and i < len(self.lines) and joined < _MAX_JOINED:
                nxt = self.lines[i][1]
                if nxt and (h := heading_of(nxt)) and h[0] == 1:
                    break
                text += nxt
                i += 1
                joined += 1
            if (
                open_depth(text)
                and open_depth(alone) <= open_depth(text)
                and (closed := close_open_field(alone)) != alone
            ):
                # `…(责任单位:X、Y` and the next paragraph: the copy lost the `)` at this paragraph's end
                text, i, joined = closed, i - joined, 0
                self.notes.append(
                    Note(origin, "bracket_unclosed", "括号未闭合:其中的单位按读到本段末尾为止读取", "warning")
                )
            elif joined and open_depth(text) and open_depth(alone) <= open_depth(text):
                # still open after all those lines (a page's `【字体:`): no bracket wrapped here
                text, i, joined = alone, i - joined, 0
                self.notes.append(Note(origin, "bracket_unclosed", "括号未闭合,不与后面各行合并"))
            if joined:
                self.notes.append(Note(origin, "lines_joined", f"括号未闭合,与后面 {joined} 行合为一段"))
            for spaced in split_spaced_headings(text, open_depth):
                for labelled in split_spaced_labels(spaced, open_depth):
                    for part in split_shared_line(labelled):
                        out.append((part, origin))
        return _labels_as_brackets(out)

    def start_of_tasks(self, paras: list[tuple[str, Origin]]) -> int:
        """Where the body begins: the last `一、` before the first bracket naming units, else
        the last `(一)`, else the last `1.` before it, else that paragraph itself."""
        first = next((k for k, (t, o) in enumerate(paras) if role_brackets(t, o)), None)
        if first is None:
            raise ParseError(
                paras[0][1] if paras else Origin(line=1), "找不到写明牵头单位或责任单位的括号,也找不到表头"
            )
        for level in (1, 2):
            for k in range(first, -1, -1):
                h = heading_of(paras[k][0])
                if h and h[0] == level and h[1] == "一":
                    return k
        for k in range(first, -1, -1):
            if re.match(rf"^1\s*{cls(DOT, IDEO_COMMA)}", paras[k][0]):
                return k
        return first

    def skip_pending(self) -> None:
        for text, origin in self.pending:
            self.notes.append(
                Note(
                    origin,
                    "text_skipped",
                    f"这段文字后没有写明牵头单位或责任单位的括号,未作为任务读入:「{text[:30]}」",
                    "warning",
                )
            )
        self.pending = []

    def on_paragraph(self, text: str, origin: Origin) -> None:
        found = role_brackets(text, origin)
        pos = 0
        for b in found:
            # `…情况(X负责落实)。下一项…`: the bracket before its sentence's `。`, which is no part of the next task
            segment = text[pos : b.start].strip(BLANKS).lstrip(_LEADING_STOPS).strip(BLANKS)
            if segment:
                self.pending.append((segment, origin))
            if not self.pending and self.body and isinstance(heading := self.body[-1], Heading):
                # `(一)地区生产总值增长7%以上` then `责任单位:…`: the heading is the task itself.
                parts = heading_of(heading.text)
                self.pending.append((parts[2] if parts else heading.text, heading.origin))
                self.notes.append(
                    Note(heading.origin, "task_from_heading", "标题之后直接写明单位:标题本身即这一行任务")
                )
            if not self.pending:
                raise ParseError(origin, "写明单位的括号前没有任务内容", text[b.start : b.end])
            if b.bare:
                once = any(n.kind == "units_no_role" for n in self.notes)  # a warning once, then each as info
                self.notes.append(
                    Note(
                        origin,
                        "units_no_role",
                        f"括号中只列出单位,没有写明牵头或负责:「{text[b.start : b.end][:40]}」按责任单位读取",
                        "info" if once else "warning",
                    )
                )
            self.body.append(_TaskRow(self.pending, b.roles, origin))
            self.pending = []
            pos = b.end
        rest = text[pos:].strip(BLANKS + "。;；,，")
        if not found and (label := unknown_label(text)) is not None:
            self.notes.append(
                Note(
                    origin,
                    "label_unknown",
                    f"「{label}」像是写单位的栏目名,但不是认识的栏目(牵头单位、责任单位、配合单位等):"
                    "这一行未读作单位,记在下一条任务的文字中",
                    "warning",
                )
            )
        if rest:
            self.pending.append(
                (text[pos:].strip(BLANKS).lstrip(_LEADING_STOPS).strip(BLANKS) if found else text, origin)
            )

    def on_heading(self, text: str, title: str, origin: Origin) -> None:
        """A heading line; `title` is what follows its numeral (`heading_of(text)[2]`)."""
        self.skip_pending()
        marker = text[: len(text) - len(title)]
        cut = min((title.find(c) for c in _HEADING_TITLE_END if c in title), default=-1)
        has_units = bool(role_brackets(title, origin))
        if cut < 0 and not has_units:
            self.body.append(Heading(text, origin))
            return
        # A heading with its body on the same line: the title is the first sentence.
        head = title[:cut] if cut >= 0 else title[: min(len(title), 40)]
        if has_units:
            head = head[: brackets(head)[0][0]] if brackets(head) else head
        self.body.append(Heading(marker + head.strip(BLANKS), origin))
        if has_units:
            self.on_paragraph(title, origin)
        elif title[cut + 1 :].strip(BLANKS):
            # The heading's own explanation (`(一)指导思想。坚持…`): no bracket names who does it.
            self.notes.append(
                Note(
                    origin,
                    "text_skipped",
                    f"标题后的文字没有写明单位,未作为任务读入:「{title[cut + 1 :][:30]}」",
                    "warning",
                )
            )

    def run(self) -> SourceTable:
        paras = self.paragraphs()
        start = self.start_of_tasks(paras)
        body_from = start
        if unnumbered_section(paras, start):
            start -= 1
            self.body.append(Heading(paras[start][0], paras[start][1], unnumbered=True))
        preamble = [(t, o) for t, o in split_spaced_preamble(paras[:start]) if keeps_in_preamble(t)]
        for text, origin in paras[body_from:]:
            if is_page_residue(text):
                self.notes.append(Note(origin, "text_skipped", f"网页上的栏目或页脚,未读入:「{text[:30]}」"))
                continue
            if heading := heading_of(text):
                self.on_heading(text, heading[2], origin)
            else:
                self.on_paragraph(text, origin)
        self.skip_pending()
        return self.table(preamble, paras[start][1])

    def table(self, preamble: list[tuple[str, Origin]], header_origin: Origin) -> SourceTable:
        rules, standing = BracketRules(), StandingUnits()
        rows = [entry for entry in self.body if isinstance(entry, _TaskRow)]
        for row in rows:
            rules.apply(row.roles, row.origin, self.notes)
            standing.apply(row.roles, row.origin, self.notes)
        used = {TASK}
        for row in rows:
            used |= {r for r in (LEAD, RESP, COOP) if row.roles.unit_text(r)}
            used |= {DEADLINE} if row.roles.deadline else set()
        order = [r for r in (TASK, LEAD, RESP, COOP, DEADLINE) if r in used]
        columns = [Column(r, _COLUMN_HEADERS[r], header_origin) for r in order]
        body: list[GridRow | Heading] = []
        for entry in self.body:
            if isinstance(entry, Heading):
                body.append(entry)
                continue
            paras, roles, origin = entry.paras, entry.roles, entry.origin
            cells: list[Cell | None] = []
            for role in order:
                if role == TASK:
                    cells.append(Cell([p for p, _ in paras], paras[0][1], [o for _, o in paras]))
                    continue
                value = roles.deadline if role == DEADLINE else roles.unit_text(role)
                cells.append(Cell([value], origin) if value else None)
            body.append(GridRow(cells, [True] * len(cells), paras[0][1]))
            for person in roles.persons:
                self.notes.append(
                    Note(origin, "person_label", f"「{person[:40]}」写的是领导(人),不是单位:记为这一行的说明")
                )
            for definition in roles.definitions:
                self.notes.append(
                    Note(
                        origin,
                        "unit_note",
                        f"括号中的「{definition[:60]}」记为说明,不作为单位;"
                        "若它改变了谁牵头、谁负责,请在任务分工表中改正(load --as-table)",
                        "warning",
                    )
                )
        self.notes.append(
            Note(
                header_origin,
                "header_mapped",
                "正文式任务分工:每个写明单位的括号结束一行任务,栏目为 " + " | ".join(c.header for c in columns),
            )
        )
        return SourceTable(preamble, columns, body, header_origin, self.notes)


def read_prose(lines: list[tuple[str, Origin]]) -> SourceTable:
    """Lines in document order, each with where it came from (a text line, a Word paragraph,
    a PDF page's line)."""
    return _ProseReader([(drop_lost_blanks(text), origin) for text, origin in lines]).run()
