"""What a web page puts around a document when it is copied as text: breadcrumbs
(`首页 > 政务公开 > …`), page metadata (发布日期, 来源, 字号, 浏览次数), a law database's
record fields (`【法宝引证码】…`) and footers (打印本页,
关闭窗口, 分享到). None of it is ever the title, the issuer or a task.

A line holding the document's own number (`发文字号:渝府办发〔2021〕50号`) is not residue:
the preamble reader finds the number in it."""

from __future__ import annotations

import re

from ..chars import fold, squeeze

_BREADCRUMB = re.compile(r"^(首页|当前位置|您的位置|您现在的位置|所在位置|位置)[:：]?.*[>＞»›]")
_METADATA = re.compile(
    r"^(发布日期|发布时间|更新时间|来源|信息来源|浏览次数|访问量|点击数|点击率|阅读次数|作者|编辑|责任编辑|相关链接|附件下载)"
    r"[:：]")
_FOOTER = re.compile(r"^(打印本页|【打印|打印|关闭窗口|【关闭|关闭|分享到|扫一扫|上一篇|下一篇|【字体)")
# A law database's record fields (北大法宝): `【法宝引证码】CLI.1.304262`, `【时效性】尚未施行`.
_DATABASE = re.compile(r"^【(法宝引证码|时效性|效力级别|法规类别|发布部门|发布日期|实施日期|失效日期|专题分类)】")
_FONT_SIZE = re.compile(r"[【\[［]?\s*字[体号]\s*[:：]?\s*[大中小]")


def is_page_residue(line: str) -> bool:
    text = fold(squeeze(line))
    if not text:
        return False
    if _BREADCRUMB.match(text) or _FONT_SIZE.search(text) or _DATABASE.match(text):
        return True
    if _METADATA.match(text) and "号" not in text.replace("字号", ""):
        return len(text) <= 80
    return bool(_FOOTER.match(text)) and len(text) <= 40
