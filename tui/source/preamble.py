"""The lines before the table: title, document number, issuer, date, table title, year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .table import Note, Origin
from .title import NUMBER_AFTER_TITLE, names_breakdown, read_titles

_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（【﹝〖]\s*(\d{4})\s*[〕\]］)）】﹞〗]\s*第?\s*(\d{1,4})\s*号"
)
# A signature's date; a page that lost its last `日` (`2018年8月14`) still dates it.
_ISSUED = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
# The same date where the copy lost 年, 月 and 日, a blank left between month and day: `20197 9`.
_ISSUED_BARE = re.compile(r"^(20\d\d)(\d{1,2})[ \u3000\u00a0]+(\d{1,2})$")
_ISSUER_END = ("办公厅", "办公室", "厅", "人民政府", "政府", "管委会", "管理委员会", "委员会", "局", "领导小组")
# The party committee signing first in a joint signature, one body a line: `中共宿迁市委` / `宿迁市人民政府`.
_PARTY_COMMITTEE = re.compile(r"^中共[\u4e00-\u9fff]{1,14}委$")
# A remark a page prints before the signature's date: `(此件公开发布) 2021年6月25日`.
_RELEASE = re.compile(r"^[(（]此件[^()（）]{2,8}[)）]\s*")
# A signature a spam mirror rewrote (`bbin官网:办公室`): Latin letters or a colon name no office.
_NOT_ISSUER = re.compile(r"[A-Za-z:：]")
_PADDING = "。. \u3000?？"  # what a flattened page leaves after a signature line (a mirror's `?` for its blanks)
# One blank between two characters of a signature is layout (letter-spacing); a wider gap between
# two offices of a joint signature is kept.
_LETTER_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_ISSUER_FIELD = re.compile(r"^[•·・\s]*(?:发布单位|发文单位|发文机关|发布机构)\s*[:：]\s*(\S{2,30})$")
_YEAR = re.compile(r"(20\d\d)\s*年")
# A span of years (`(2015—2020年)`, `2021-2025年`): a plan for several years names no one year.
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*年?\s*[—–\-－~～至到]{1,2}\s*(?:19|20)\d\d\s*年")
TITLE_MISSING = "表格前没有文件标题"  # the reader of a file adds which name it takes instead
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


@dataclass
class Preamble:
    number: str | None  # None: the document has no 文号 (it is known by its title and year)
    title: str
    table_title: str
    issued: str | None
    issuer: str | None
    year: int | None
    notes: list[Note]


def _placeless(issuer: str, posted: str) -> bool:
    """Whether the issuer is written without its place (`区人民政府办公室`, a notice's head on a
    district's own site) and the page's 发布机构 names that office with it (`下陆区政府办公室`;
    人民政府 and 政府 are one word in an office's name)."""
    short = issuer.replace("人民政府", "政府")
    return (
        issuer[:1] in "省市县区"
        and posted != issuer
        and posted.replace("人民政府", "政府").endswith(short)
        and len(posted.replace("人民政府", "政府")) > len(short)
    )


def _inside_brackets(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）") or before.count(
        "《"
    ) > before.count("》")


def _bare_date(text: str) -> re.Match[str] | None:
    """`20197 9` read as 2019-07-09 when the month and the day are ones a calendar has."""
    m = _ISSUED_BARE.match(text)
    return m if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31 else None


def signature_in(lines: list[tuple[str, Origin]]) -> tuple[str | None, str | None]:
    """(date, issuer) of the first signature among the lines: a date line (`2021年5月10日`), the
    signing body on the line above it (two bodies of a joint signature one a line)."""
    for i, (text, _) in enumerate(lines):
        dated = _RELEASE.sub("", text.strip(_PADDING))
        if m := _ISSUED.match(dated) or _bare_date(dated):
            issued = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            before = lines[i - 1][0].rstrip(_PADDING) if i > 0 else ""
            if len(before) <= 30 and before.endswith(_ISSUER_END) and not _NOT_ISSUER.search(before):
                issuer = _LETTER_SPACED.sub("", before)  # `西城区政府信息 与 政务公开 领导小组 办公室`
                joint = lines[i - 2][0].rstrip(_PADDING) if i > 1 else ""
                if (
                    len(joint) <= 30
                    and (joint.endswith(_ISSUER_END) or _PARTY_COMMITTEE.match(joint))
                    and "关于" not in joint
                ):
                    issuer = f"{joint}、{before}"  # a joint signature, one office a line
                return issued, issuer
            return issued, None
    return None, None


def read_preamble(lines: list[tuple[str, Origin]], header_origin: Origin) -> Preamble:
    if not lines:  # a table copied alone: the caller names it by its file (tui/source/__init__.py)
        return Preamble(
            None,
            "",
            "",
            None,
            None,
            None,
            [
                Note(header_origin, "number_missing", "表格前没有文号:按标题和年度识别这份文件"),
                Note(header_origin, "title_missing", TITLE_MISSING),
            ],
        )
    notes: list[Note] = []
    found: tuple[re.Match[str], Origin] | None = None  # the number on a line of its own, and its line
    loose: tuple[re.Match[str], Origin] | None = None  # else the first one inside a sentence
    for raw, origin in lines:
        text = _PINYIN.sub("", raw)  # a mirror's annotations: 州政发(fā)〔2020〕5号
        end = NUMBER_AFTER_TITLE.search(text.strip())
        if end and names_breakdown(text.strip()[: end.start()]) and (own := _NUMBER.search(end.group(1))):
            found = (own, origin)  # `…实施意见(池政〔2017〕101号)`: the title's own number
            break
        alone = text.strip()
        if alone[:1] in "(（" and alone[-1:] in ")）":  # `(通政办发〔2018〕23号)`: on a line of its own, in brackets
            alone = alone[1:-1].strip()
        for hit in _NUMBER.finditer(text):
            if hit.start() == 0 and hit.end() == len(text.strip()) or hit.group(0) == alone:
                found = (hit, origin)
                break
            if loose is None and not _inside_brackets(text, hit.start()):
                loose = (hit, origin)
        if found is not None:
            break
    if found is None:
        found = loose
    canonical = None
    number: re.Match[str] | None = None
    number_at: Origin | None = None
    if found is None:
        # A department's list to its 科室, an attachment copied alone: known by its title and year.
        notes.append(Note(lines[0][1], "number_missing", "文件中没有发文字号(文号):按标题和年度识别这份文件"))
    else:
        number, number_at = found
        canonical = f"{number.group(1)}〔{number.group(2)}〕{number.group(3)}号"
        written = next(raw for raw, origin in lines if origin == number_at)
        if _PINYIN.search(written) and _PINYIN.sub("", written) != written and canonical in _PINYIN.sub("", written):
            notes.append(
                Note(
                    number_at,
                    "number_normalised",
                    f"文号中网页加注的拼音不计入:「{written.strip()[:40]}」按「{canonical}」记录",
                )
            )
        elif canonical != number.group(0):
            notes.append(Note(number_at, "number_normalised", f"文号「{number.group(0)}」按「{canonical}」记录"))
    issued, issuer = signature_in(lines)
    titles = read_titles([text for text, _ in lines])
    title, table_title = titles.title, titles.table_title
    if not title:
        notes.append(Note(lines[0][1], "title_missing", TITLE_MISSING))
    if issuer is None and titles.notice and "关于" in titles.notice:  # the notice names who issues it
        head = titles.notice[: titles.notice.index("关于")]
        if head.endswith(_ISSUER_END):
            issuer = head
    if issuer is None and number_at is not None:  # `西政办〔2020〕20号` / `西平县人民政府办公室` / `关于…`
        after = [
            text.strip(_PADDING)
            for text, origin in lines
            if origin.line and number_at.line and origin.line == number_at.line + 1
        ]
        if after and len(after[0]) <= 30 and after[0].endswith(_ISSUER_END) and "关于" not in after[0]:
            issuer = after[0]
    posted = next((m.group(1) for text, _ in lines if (m := _ISSUER_FIELD.match(text.strip()))), None)
    if issuer is None:  # a page's info box (`• 发布单位:黄冈市人民政府办公室`): perhaps only who posted it
        issuer = posted
    elif posted is not None and _placeless(issuer, posted):
        issuer = posted
    year = None
    for text in (table_title, title, titles.notice or ""):
        if m := _YEAR.search(_YEAR_SPAN.sub("", text)):
            year = int(m.group(1))
            break
    if year is None and (span := next((m for t in (table_title, title) if (m := _YEAR_SPAN.search(t))), None)):
        notes.append(
            Note(
                lines[0][1] if lines else Origin(),
                "year_span",
                f"标题写的是「{span.group(0)}」几年的计划,不取其中一年作为年度;请用 load --year 指定",
            )
        )
    if year is None and number is not None:
        year = int(number.group(2))
    if year is None and issued is not None:
        year = int(issued[:4])
    return Preamble(canonical, title, table_title, issued, issuer, year, notes)


def preamble_from_fields(fields, origin: Origin) -> Preamble:
    """The document's fields as a breakdown table workbook gives them (its cells, not lines
    to search): the number as typed (normalised when it has the usual form), the year from
    年度, else from the table title, the title or the number."""
    notes: list[Note] = []
    number = fields.number or None
    if number is None:
        notes.append(Note(origin, "number_missing", "任务分工表中没有填写文号:按标题和年度识别这份文件"))
    elif m := _NUMBER.fullmatch(number.strip()):
        canonical = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
        if canonical != number:
            notes.append(Note(origin, "number_normalised", f"文号「{number}」按「{canonical}」记录"))
        number = canonical
    title = fields.title or fields.table_title or number or ""
    table_title = fields.table_title or title
    year = fields.year
    for text in (table_title, title, number or ""):  # a span of years (`2015—2020年`) names none, as in a text
        bare = _YEAR_SPAN.sub("", text)
        if year is None and (m := _YEAR.search(bare) or re.search(r"[〔\[［(（【](20\d\d)", bare)):
            year = int(m.group(1))
    if year is None and (span := next((m for t in (table_title, title) if (m := _YEAR_SPAN.search(t))), None)):
        notes.append(
            Note(
                origin, "year_span", f"标题写的是「{span.group(0)}」几年的计划,不取其中一年作为年度;请在「年度」中填写"
            )
        )
    return Preamble(number, title, table_title, fields.issued, fields.issuer, year, notes)
