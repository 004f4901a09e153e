"""What follows a document's last task when a page or a whole 公文 is copied as text: the page's
footer (打印本页, 扫一扫, 网站标识码, ICP 备案; readers/page.py), the release mark `(此件公开发布)`,
the 版记 (`抄送:…`, `X办公室 2021年5月10日印发`), whom to call (`联系人:…`) and a signature (the
issuer's line, then the date's).

None of it is a task, a cell or a unit. Read into a table, it became the last row's units (a table
copied with `|`: `扫一扫在手机打开当前页` stored as a unit, silently) or a row that cannot be read.
Only the end of the text is looked at, and only lines that are each of these kinds: a line of any
other kind ends the tail, and everything above it is read as before. Pure text rules."""

from __future__ import annotations

import re

from ..chars import fold, squeeze
from .page import is_page_residue

_MARK = re.compile(r"^[(（\[［【]?此件(?:主动|依申请|不予)?公开(?:发布)?[)）\]］】]?$|^[(（\[［]?此页无正文[)）\]］]?$")
_ROUTING = re.compile(r"^(?:抄送|抄报|分送|发至|印送)[:：]")
# Who to call about it (`联系人:张三 联系电话:023-…`), at the end of a notice or of its table.
_CONTACT = re.compile(
    r"^[(（\[［]?(?:联系人|联系电话|联系方式|咨询电话|电话|传真|邮箱|电子邮箱|E-?mail|通讯地址|地址|邮编)[:：]", re.I
)
_DATE_TEXT = r"(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
_PRINTED = re.compile(rf"{_DATE_TEXT}印发$")
# Words of a site's footer anywhere in a line (`【我要纠错】 【打印本页】`, `网站标识码:… 京ICP备…`); a
# unit may be called `…网站主办单位`, so 主办单位 and 承办单位 count only as a line's label (page.py).
_SITE = re.compile(
    r"ICP备|公网安备|网站标识码|技术支持[:]|版权所有|Copyright|©|纠错】|我要纠错|网站地图|联系我们"
    r"|扫一扫|打印本页|关闭窗口|分享到|返回顶部|上一篇|下一篇|【打印|【关闭",
    re.I,
)
_SIGNATURE_DATE = re.compile(rf"^{_DATE_TEXT}$|^\d{{4}}[-./－．／]\d{{1,2}}[-./－．／]\d{{1,2}}$")
# The body that signs: a government, its office, a department (`…局`, `…委`), a group's office.
_ISSUER = re.compile(
    r"^[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公室|办公厅|委员会|局|委|办|中心|领导小组|小组)"
    r"(?:[(][\u4e00-\u9fff]{2,12}[)])?$"
)


def _plain(line: str) -> str:
    return fold(squeeze(line))


def is_tail_line(line: str) -> bool:
    """A line of a page's footer or a 公文's 版记 (never of a task)."""
    text = _plain(line)
    if not text:
        return False
    if is_page_residue(line) or _MARK.match(text) or _ROUTING.match(text) or _PRINTED.search(text):
        return True
    if _CONTACT.match(text) and len(text) <= 80:
        return True
    return len(text) <= 80 and bool(_SITE.search(text))


def tail_start(lines: list[str]) -> int:
    """The index of the first line of the text's tail (blank lines inside it included); len(lines)
    when the text ends with a line of its own."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if not _plain(lines[i]):
            continue
        if not is_tail_line(lines[i]):
            break
        start = i
    return start


def signature_at(lines: list[str], end: int) -> int | None:
    """Where a signature begins when the last two lines before `end` (blank lines aside) are an
    issuer's name and a date (`某某区人民政府办公室` / `2021年5月10日`): its issuer's line, or the
    first of the tail lines right above it (`(联系人:…)` before the signature); else None. A date
    said as a limit (`…前`, `…底`) is no signature's."""
    found: list[int] = []
    for i in range(end - 1, -1, -1):
        if _plain(lines[i]):
            found.append(i)
            if len(found) == 2:
                break
    if len(found) < 2:
        return None
    date, issuer = found
    if _SIGNATURE_DATE.match(_plain(lines[date])) and _ISSUER.match(_plain(lines[issuer])):
        return tail_start(lines[:issuer])
    return None


def blanked(lines: list[str], start: int) -> list[str]:
    """The lines with those from `start` on left blank (every line keeps its number)."""
    return lines[:start] + [""] * (len(lines) - start)
