"""The document's title among the lines before its table or body.

The title is the line naming the breakdown itself: `2023年宝山区政务公开工作要点`,
`…任务分工`, `…分工方案`, `…任务清单`, `…台账`. Around it a copied page holds lines that are
never the title: the signature (`上海市宝山区人民政府办公室`), the date, the 文号, the
addressees (`各区县政府,…:`), the notice's sentences, a red header (`…人民政府文件`), headings
and the page's own residue (readers/page.py). In order:

1. the name the notice gives the breakdown (`关于印发X的通知`, `现将《X》印发给你们`), where a
   line (or a title wrapped over two lines) writes exactly that name, or that name but for the
   digits a copy lost (`湖南省年深化…` for `湖南省2021年深化…`);
2. the page's own title field (`标题:…`, `名称:…`, `• 中文名:…`);
3. the last line naming a breakdown (nearest the table: the table's own title);
4. the name in `关于印发《X》的通知` / `现将《X》印发` when no line writes it alone;
5. the notice's title itself (`…关于印发…的通知`);
6. nothing: the caller names the document by its file and says so.

The table title is the line naming a breakdown nearest the table, else the title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import fold, squeeze
from .glosses import strip_glosses
from .headings import heading_of
from .readers.page import holds_number, is_page_residue

# How a breakdown's own name ends (after a closing remark such as `(试行)`).
_GENRE_END = (
    "要点",
    "方案",
    "计划",
    "规划",
    "清单",
    "台账",
    "分工",
    "分解",
    "表",
    "制度",
    "安排",
    "意见",
    "办法",
    "措施",
    "细则",
    "目录",
    "重点",
    "执行情况",  # a plan's progress report: `…重点工作计划二季度执行情况`
    "进展情况",
    "完成情况",  # `2022年度市政府重点工作任务完成情况`
    "完成情况的通报",  # `芜湖市2021年政府重点工作任务完成情况的通报`: the list's report, its rows the tasks
)
_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【﹝〖]\s*\d{4}\s*[〕\]］)）】﹞〗]\s*第?\s*\d{1,4}\s*号")
# The same 文号 in round brackets before the notice's title: `(通政办发〔2018〕23号)北京市…的通知`.
_BRACKETED_NUMBER = re.compile(r"^[(（]\s*" + _NUMBER.pattern[1:] + r"\s*[)）]")
_DATE = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-－./．／]\d{1,2}[-－./．／]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?)"
)
_FIELD = re.compile(r"^[•·\-－*＊\s]*(标题|名称|名\s*称|中文名|文件名称|文件标题)\s*[:：|]\s*\|?\s*(.+)$")
_NOTICE = re.compile(r"关于印发\s*(.+?)\s*的\s*通知$")
_GIVES = re.compile(r"(?:现将|将)\s*《([^《》]+)》\s*(?:印发|予以印发)|《([^《》]+)》\s*已经.{0,40}?同意")
_NAMED = re.compile(r"《([^《》]+)》")
_ATTACHMENT = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：.．、]?\s*")
_ITEM = re.compile(r"^(\d{1,3}\s*[.、．]|[(（]\d{1,3}[)）]|[①-⑳])")
_REMARK_END = re.compile(r"[(（][^()（）]{1,12}[)）]$")
_BOOK_THEN_REMARK = re.compile(r"^《([^《》]+)》\s*([(（][^()（）]{1,12}[)）])?$")
_NEAR = 200
# A title line ending in its own 文号 in brackets: `…的实施意见(池政〔2017〕101号)` (preamble.py reads the number).
NUMBER_AFTER_TITLE = re.compile(
    r"\s*[(（]\s*([\u4e00-\u9fff]{1,12}\s*[〔\[［【﹝〖]\s*\d{4}\s*[〕\]］】﹞〗]\s*第?\s*\d{1,4}\s*号)\s*[)）]$"
)
# A site's category label before the title: `【政务公开任务分工】淮南市残疾人联合会2024年…任务分工`.
_CATEGORY = re.compile(r"^【[^【】]{2,12}】(?=\S)")
_ASCII_GAP = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")


@dataclass
class Titles:
    title: str  # "" when no line names the document
    table_title: str
    notice: str | None  # the notice's own title (`…关于印发…的通知`), when the page has one


def clean(text: str) -> str:
    """A title as shown: no pinyin gloss of a mirror (`优(yōu)化`), no blanks of a wrapped or
    letter-spaced line except between Latin letters and digits, no `|` of a copied cell."""
    text = strip_glosses(text, at_least=1).strip(" |\u3000")
    parts = _ASCII_GAP.split(text)
    return " ".join(squeeze(p) for p in parts)


def _key(text: str) -> str:
    return fold(clean(text)).replace("〈", "《").replace("〉", "》").strip("《》")


def gives_names(text: str) -> bool:
    """Whether a sentence of the notice gives the breakdown's name (`现将《X》印发给你们`,
    `《A》《B》已经市政府同意,现印发给你们`): what a title wrapped over two lines is checked against.
    A sentence holding a 文号 is not one (the number it cites is never the document's)."""
    if holds_number(text):
        return False
    return bool(_GIVES.search(text)) or ("印发" in _NAMED.sub("", text) and bool(_NAMED.search(text)))


def names_breakdown(text: str) -> bool:
    """Whether a line ends the way a breakdown's own name ends (`…工作要点`, `…任务分工表`)."""
    core = _REMARK_END.sub("", text).rstrip("》")
    return core.endswith(_GENRE_END)


def _line_title(raw: str) -> str | None:
    """The title this line could be, cleaned, or None: a number or date before the title
    (`2022年4月28日 自贡市…方案`) is cut off; a line of residue, a heading, an item, a sentence,
    an addressee line, a signature and anything else not naming a breakdown is not a title."""
    text = clean(raw)
    if not text or is_page_residue(raw) or heading_of(text) or _ITEM.match(text) or _FIELD.match(raw):
        return None
    for head in (_NUMBER, _DATE):
        if m := head.match(text):
            text = text[m.end() :].strip()
    text = _ATTACHMENT.sub("", text)
    if _ITEM.match(text):  # `附件:1.…完成情况` / `2.…`: the notice's list of attachments, no title
        return None
    text = NUMBER_AFTER_TITLE.sub("", _CATEGORY.sub("", text))
    if text.startswith("《") and text.count("《") == 1 and (m := _BOOK_THEN_REMARK.match(text)):
        text = m.group(1) + (m.group(2) or "")  # `《X》`, `《X》(2024年版)`: the name without its book-title marks
    if not text or text.endswith(("。", ":", "：", ";", "；", "!", "！", ",", "，")) or _NOTICE.search(text):
        return None
    return text if names_breakdown(text) else None


def _notice_of(raw: str) -> tuple[str, str, bool] | None:
    """(the notice's title, the name it gives, whether in 《》) when the line is a notice's
    title (`…关于印发X的通知`, perhaps after its 文号), not a sentence citing one."""
    text = clean(raw)
    if m := _FIELD.match(text):  # `名称: | …的通知 | 文号: | …`
        text = m.group(2).split("|")[0].strip()
    if m := _NUMBER.match(text) or _BRACKETED_NUMBER.match(text):
        text = text[m.end() :].strip()
    if text.startswith("《") and text.endswith("》"):  # `成办发〔2019〕5号《…的通知》`
        text = text[1:-1]
    if "《关于" in text or text.endswith("。") or not (m := _NOTICE.search(text)):
        return None
    name = m.group(1)
    bracketed = name.startswith("《") and name.endswith("》") and name.count("《") == 1
    return text, name[1:-1] if bracketed else name, bracketed


def _open_names_joined(lines: list[str]) -> list[str]:
    """A title wrapped inside the name it quotes (`石景山区贯彻落实《关于加强新时代` / `街道工作的意见》的
    任务分解方案`): the line leaving a 《 open and the next one make one line, where together they
    name a breakdown."""
    out = list(lines)
    for i in range(len(out) - 1):
        text = clean(out[i])
        if text.count("《") > text.count("》") and (joined := _line_title(out[i] + out[i + 1])):
            out[i], out[i + 1] = "", joined
    return out


# How the first line of a title wrapped after its issuer ends: `辽宁省人民政府办公厅关于` /
# `贯彻落实国务院办公厅2016年政务公开` / `工作要点的实施方案`.
_OPEN_HEAD = ("关于", "關于", "关於", "關於")


def _heads_joined(lines: list[str]) -> list[str]:
    """A title wrapped after its `…关于` (a line no title ends with): that line and the next one or
    two make one line, where together they name a breakdown."""
    out = list(lines)
    for i in range(len(out) - 1):
        text = clean(out[i])
        if not text.endswith(_OPEN_HEAD) or len(text) > 40:
            continue
        for n in (2, 3):
            if i + n <= len(out) and (joined := _line_title("".join(out[i : i + n]))):
                out[i : i + n] = [""] * (n - 1) + [joined]
                break
    return out


# How the second line of a title wrapped before a joined name starts: `吉林省2020年政务公开工作要点` /
# `及重点任务分工`. No title starts so.
_JOINED_TAIL = ("及", "暨", "和", "与", "與")


def _tails_joined(lines: list[str]) -> list[str]:
    """A title wrapped before its `及…` (`…工作要点` / `及重点任务分工`): the line starting with the
    joining word goes on the line before it, where together they name a breakdown."""
    out = list(lines)
    for i in range(1, len(out)):
        text = clean(out[i])
        if text.startswith(_JOINED_TAIL) and len(text) <= 20 and (joined := _line_title(out[i - 1] + text)):
            out[i - 1], out[i] = "", joined
    return out


# A notice that is itself the breakdown (its items carry the units: `山东省人民政府办公厅关于进一步做好
# 政务公开工作的通知`), perhaps wrapped after its issuer: what names the document when nothing else does.
_OWN_NOTICE = re.compile(r"^(?:[\u4e00-\u9fff]{2,30}?)?关于(?!印发).{2,60}的(?:通知|决定)$")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:办公厅|办公室|人民政府|政府|委员会)$")


def _own_notice(texts: list[str]) -> str | None:
    for i, text in enumerate(texts):
        text = _CATEGORY.sub("", text)  # `【市政府重点工作及责任分解】滁州市人民政府关于…的通知`: the site's label
        if _OWN_NOTICE.match(text):
            head = texts[i - 1].lstrip("?？") if i else ""
            return head + text if text.startswith("关于") and _ISSUER_LINE.match(head) else text
    return None


def read_titles(lines: list[str]) -> Titles:
    if len(lines) > 2 * _NEAR:  # a long notice or plan before its table: its title is at one end
        lines = lines[:_NEAR] + lines[-_NEAR:]
    lines = _tails_joined(_heads_joined(_open_names_joined(lines)))
    notice = None
    names: list[tuple[str, bool]] = []  # the names the notice gives the breakdown: (name, in 《》)
    field = None
    texts = [clean(raw) for raw in lines]
    for raw, text in zip(lines, texts):
        if n := _notice_of(raw):
            notice = notice or n[0]
            names.append((n[1], n[2]))
        names += [(m.group(1) or m.group(2), True) for m in _GIVES.finditer(text)]
        if "印发" in text:  # `《A》《B》和《C》已经市政府同意,现印发给你们`: lines may write any of them
            names += [(m.group(1), False) for m in _NAMED.finditer(text) if "关于" not in m.group(1)]
        if field is None and (m := _FIELD.match(raw)):  # `名称: | …的通知 | 文号: | …`
            field = n[0] if (n := _notice_of(raw)) else _line_title(m.group(2).split("|")[0])
    own = [(i, t) for i, raw in enumerate(lines) if (t := _line_title(raw))]
    last = own[-1][1] if own else None
    wanted = {_key(n) for n, _ in names}
    # The line writing the name the notice gives; or two lines, a title wrapped over them.
    for i in range(len(lines) if wanted else 0):
        for at, text in ((i, texts[i]), (i + 1, texts[i] + texts[i + 1] if i + 1 < len(lines) else "")):
            if text and (title := _line_title(text)) and _key(title) in wanted:
                return Titles(title, own[-1][1] if own and own[-1][0] > at else title, notice)
    # The line writing that name but for the digits a copy lost (`湖南省年深化…方案` for the notice's
    # `《湖南省2021年深化…方案》`): the name as the notice writes it.
    damaged = {re.sub(r"\d", "", _key(n)): clean(n) for n, _ in names if re.search(r"\d", n)}
    for _, text in own:
        if (whole := damaged.get(_key(text))) is not None and _key(text) != _key(whole):
            return Titles(whole, whole if own[-1][1] == text else own[-1][1], notice)
    title = field or last or next((clean(n) for n, bracketed in names if bracketed), None) or notice
    title = title or _own_notice(texts) or ""
    return Titles(title, last or title, notice)
