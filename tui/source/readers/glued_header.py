"""A header whose words a copy ran together (`工作要求具体任务具体要求责任科室完成时限其他`): the copy
lost every separator between the cells, of the header and of each row after it, so no column can be
told from the next. Refused at that line, with the cause, rather than `找不到表头` further down
(汕尾市市场监督管理局 2024, holdout 14)."""

from __future__ import annotations

from ..chars import BLANKS, fold, squeeze
from ..errors import ParseError
from ..headers import is_unread, role_of
from ..table import LEAD, REQUIREMENT, RESP, TASK, COOP

_SHORTEST, _LONGEST = 2, 10  # characters of one header word
_MOST = 60  # characters of a line worth cutting into header words


def header_words_run_together(line: str) -> list[str] | None:
    """The header words a line is made of, written with nothing between them, or None: three words
    or more, a unit column's among them and a task's or a requirement's."""
    key = fold(squeeze(line.strip(BLANKS)))
    if not key or len(key) > _MOST or not all("\u4e00" <= c <= "\u9fff" for c in key):
        return None
    # words[i]: one cutting of key[i:] into header words, or None (the first found, longest words first)
    words: list[list[str] | None] = [None] * len(key) + [[]]
    for i in range(len(key) - 1, -1, -1):
        for j in range(min(len(key), i + _LONGEST), i + _SHORTEST - 1, -1):
            rest = words[j]
            if rest is not None and (role_of(key[i:j]) or is_unread(key[i:j])):
                words[i] = [key[i:j], *rest]
                break
    found = words[0]
    if found is None or len(found) < 3:
        return None
    roles = {role_of(w) for w in found}
    return found if roles & {LEAD, RESP, COOP} and roles & {TASK, REQUIREMENT} else None


def refuse_glued_header(lines: list[tuple[int, str]]) -> None:
    """Refuse at the first line that is header words run together (no header was found)."""
    for no, text in lines:
        if (words := header_words_run_together(text)) is not None:
            raise ParseError(
                no,
                f"这一行像是表头,但各栏名称连在一起(「{'」「'.join(words)}」):复制时丢了各栏之间的分隔,"
                "下面各行的格也连在一起,分不开;请用原网页另存的 .html 或 Word 文件,"
                "或用 load --as-table 写出后改正",
                text.strip(BLANKS)[:60],
            )
