"""What a web page puts around a document when it is copied as text: breadcrumbs
(`首页 > 政务公开 > …`), page metadata (发布日期, 来源, 索引号, 字号, 浏览次数), a law database's
labels (`【法宝引证码】…`), a document-sharing site's file facts (`- 文档编号:…`, `x.docx`), tab
words (`全文`, `基本介绍`) and footers (打印本页, 关闭窗口, 分享到, 版权所有). None of it is ever
the title, the issuer or a task.

A line holding the document's own number (`发文字号:渝府办发〔2021〕50号`) is not residue:
the preamble reader finds the number in it. Nor are the lines naming the page's title (`标题:…`,
`名称:…`, `• 中文名:…`, read by ../title.py) or its issuer (`发布机构:…`, read by ../preamble.py)."""

from __future__ import annotations

import re

from ..chars import BLANKS, fold, squeeze

_BREADCRUMB = re.compile(r"^(首页|当前位置|您的位置|您现在的位置|所在位置|位置)[:：]?.*[>＞»›]")
_METADATA = re.compile(
    r"^(发布日期|发布时间|更新时间|来源|信息来源|浏览次数|访问量|点击数|点击率|阅读次数|作者|编辑|责任编辑|相关链接|附件下载"
    r"|文号|分类|关键词|主题词|文档编号|上传时间|格式|页数|大小|下载|发布部门|实施日期|效力级别|时效性)"
    r"[:：|]"
)
# Keys no sentence of a document begins with: residue even where the copy lost the colon
# (`索 引 号 MB1534522/2023-05475 发文日期 2023-01-03`).
_METADATA_BARE = re.compile(
    r"^(索引号|组配分类|主题分类|体裁分类|公开属性|公开方式|公开范围"
    r"|生成日期|发文日期|成文日期|印发日期|有效性)"
)
# A law database's record fields (北大法宝): `【法宝引证码】CLI.1.304262`, `【时效性】尚未施行`.
_LAW_LABEL = re.compile(
    r"^【(法宝引证码|时效性|效力级别|法规类别|发布部门|发文字号|发布日期|实施日期|失效日期|专题分类|原文链接|来源)】"
)
_FOOTER = re.compile(
    r"^(打印本页|【打印|打印|关闭窗口|【关闭|关闭|分享到|扫一扫|上一篇|下一篇|【字体|版权所有|主办单位"
    r"|承办单位|网站标识码|网站地图|联系我们|返回顶部)"
)
_TAB_WORDS = frozenset(
    {
        "全文",
        "正文",
        "基本介绍",
        "基本信息",
        "文件下载",
        "政策解读",
        "图文解读",
        "收藏",
        "纠错",
        "打印",
        "分享",
        "附件",
        "相关文件",
        "阅读全文",
        "查看全文",
    }
)
_FONT_SIZE = re.compile(r"[【\[［]?\s*字[体号]\s*[:：]?\s*[大中小]")
_BULLET = re.compile(r"^[•·\-－*＊]+")
_FILE_NAME = re.compile(r"\.(docx?|wps|pdf|xlsx?|et|ofd|txt)$", re.I)
_HOLDS_NUMBER = re.compile(r"[〔\[［(（【﹝〖]\s*\d{4}\s*[〕\]］)）】﹞〗]\s*第?\s*\d{1,4}\s*号")


# The labels of a page's info box that can open a line of it (`索 引 号: … 发布日期: … 发布机构: …`).
_BOX_LABELS = frozenset(
    (
        "索引号",
        "名称",
        "标题",
        "发布机构",
        "发布单位",
        "发文机关",
        "发布日期",
        "成文日期",
        "发文日期",
        "文号",
        "文件编号",
        "发文字号",
        "组配分类",
        "主题分类",
        "公开方式",
        "有效性",
        "所属机构",
    )
)
_LABEL = re.compile(r"(?:^|(?<=\s))((?:[\u4e00-\u9fff][ \u3000]?){2,6})[:：]")


def box_fields(line: str) -> list[str] | None:
    """A line of the page's info box as its fields, each label with its value (`索 引 号: 0001/2020
    发布日期: 2020-06-28 发布机构: 下陆区政府办公室` → three), so that a value keeps its label; None
    for any other line (one that does not open with such a label, or has one field only)."""
    text = line.strip()
    starts = [m.start(1) for m in _LABEL.finditer(text)]
    first = _LABEL.match(text)
    if len(starts) < 2 or first is None or squeeze(first.group(1)) not in _BOX_LABELS:
        return None
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]


def holds_number(line: str) -> bool:
    """Whether the line holds a 文号 (`…〔2021〕3号`)."""
    return bool(_HOLDS_NUMBER.search(line))


_LONGEST_RESIDUE = 300  # characters: a page's breadcrumb or info line is short; a paragraph is none


def is_page_residue(line: str) -> bool:
    if len(line) > _LONGEST_RESIDUE:
        return False  # asked of every line: a long paragraph costs nothing here
    text = _BULLET.sub("", fold(squeeze(line)))
    if not text:
        return False
    if _BREADCRUMB.match(text) or _FONT_SIZE.search(text) or _LAW_LABEL.match(text) or text in _TAB_WORDS:
        return True
    if _FILE_NAME.search(text):
        return len(text) <= 80
    if (_METADATA.match(text) or _METADATA_BARE.match(text)) and not _HOLDS_NUMBER.search(text):
        return len(text) <= 80
    return bool(_FOOTER.match(text)) and len(text) <= 40


# A printed page's number copied with its text (`— 3 —`, `- 3 -`, `第 3 页`, `第3页 共10页`, `3/10`); a
# bare `3` is no page number here (a table copied one cell a line has its 序号 so).
_PAGE_NUMBER = re.compile(
    r"^[—\-－–]+\s*\d{1,4}\s*[—\-－–]+$|^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^\d{1,4}\s*[/／]\s*\d{1,4}$"
)


def without_page_numbers(lines: list[str]) -> list[tuple[int, str]]:
    """The lines, each with its number in the file, without the page numbers a copy of a printed
    document carries; a blank line on both sides of one is one blank line (a cell boundary kept)."""
    out: list[tuple[int, str]] = []
    skip_blank = False
    for no, line in enumerate(lines, 1):
        text = line.strip(BLANKS)
        if _PAGE_NUMBER.match(text):
            skip_blank = bool(out) and not out[-1][1].strip(BLANKS)
            continue
        if skip_blank and not text:
            skip_blank = False
            continue
        skip_blank = False
        out.append((no, line))
    return out


# Blanks a page's encoding lost, printed as `?` (`? ?二、重点任务`: two non-breaking spaces before a heading).
_LOST_BLANKS = re.compile(r"^[ \t\u00a0\u3000]*[?？][?？ \t\u00a0\u3000]*")


def drop_lost_blanks(line: str) -> str:
    """A heading line after `?` marks that stand for lost blanks is the heading: `? ?二、重点任务` →
    `二、重点任务`. Only before a heading (`一、` `(一)`): a `?` before other text may be the text's own."""
    from ..headings import heading_of

    m = _LOST_BLANKS.match(line)
    if m is None or not heading_of(line[m.end() :].strip()):
        return line
    return line[m.end() :]


# A Markdown table (`| 工作任务 | 责任单位 |` over `| --- | :---: |`): the separator row says it is one,
# and each row's leading `|` is then no empty first cell (in a web copy `| 2.… | 局办 |` is one: the cell
# merged above, printed empty).
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")


def markdown_rows(lines: list[str]) -> list[str]:
    """The lines of a text holding a Markdown table as a table copied with `|`: the separator rows
    left blank (every line keeps its number), each row's leading `|` dropped; so too a table every
    line of which, its header's too, opens with a `|` (a frame, no empty first cell: `| 工作任务 | …`).
    Other texts as they are."""
    barred = [line.strip(BLANKS) for line in lines if "|" in line]
    framed = len(barred) >= 2 and all(text.startswith("|") for text in barred)
    if not framed and not any(_MARKDOWN_RULE.match(line.strip(BLANKS)) for line in lines):
        return lines
    out = []
    for line in lines:
        text = line.strip(BLANKS)
        if _MARKDOWN_RULE.match(text):
            out.append("")
        elif text.startswith("|") and text.count("|") >= 2:
            out.append(text[1:].strip(BLANKS))
        else:
            out.append(line)
    return out


def fullwidth_bars(lines: list[str]) -> list[str]:
    """The lines of a table copied with full-width bars (`｜`, an input method's or a converter's
    for `|`) as a table copied with `|`: where two lines or more are its rows or cells (two bars
    or more, or a line ending in one: a cell a line) and no line holds a `|`. Other texts as they
    are (a lone `｜` in a title)."""
    barred = sum(1 for line in lines if line.count("｜") >= 2 or line.strip(BLANKS).endswith("｜"))
    if barred < 2 or any("|" in line for line in lines):
        return lines
    return [line.replace("｜", "|") for line in lines]


# A site's menu copied with its page (`首页 | 机构概况 | 政务公开 | 互动交流`, `网站地图｜联系我们`):
# short cells between bars, one a word only a menu has. Never a table's row: no header or task
# cell is one of these words.
_MENU_BARS = re.compile(r"\s*[|｜]\s*")
_MENU_WORDS = frozenset(
    "首页 网站首页 网站地图 联系我们 使用帮助 帮助 无障碍 无障碍浏览 长者模式 关怀版 设为首页 加入收藏 手机版 移动版 "
    "简体 繁体 繁體 English 登录 注册 个人登录 法人登录".split()
)
_MENU_CELL = 8  # characters: a menu's entries are short


def without_menus(lines: list[str]) -> list[str]:
    """The lines of a text with a site's menu lines left blank (every line keeps its number)."""
    return ["" if _is_menu(line) else line for line in lines]


def _is_menu(line: str) -> bool:
    if "|" not in line and "｜" not in line:
        return False
    cells = [squeeze(c) for c in _MENU_BARS.split(line.strip(BLANKS + "|｜"))]
    return len(cells) >= 2 and all(0 < len(c) <= _MENU_CELL for c in cells) and any(c in _MENU_WORDS for c in cells)
