"""Every real breakdown of the corpus that reads right reads the same when it reaches the user another
way: copied whole from its page (a signature, `(此件公开发布)` and the site's footer after the last
task: the corpus keeps each text cut at its last task), with the zero-width spaces and no-break
spaces a page carries, typed with full-width or half-width punctuation, or saved by another editor
(traditional characters, CRLF, indents, trailing blanks).

Before readers/tail.py, a footer after a table copied with `|` became units of its last row
(`扫一扫在手机打开当前页` stored as a unit, silently) and after other tables a refusal; and
`各区、县（市）政府` written with full-width brackets was split in two."""

from __future__ import annotations

import functools
import html
import itertools

import opencc
import pytest

from tests.test_real_corpus import READ_RIGHT, REAL, reading
from tui.source import ParseError, read_document
from tui.units.normalise import key

_s2t = opencc.OpenCC("s2t").convert
_FULL = str.maketrans({":": "：", ";": "；", ",": "，", "(": "（", ")": "）", "|": "｜"})
_HALF = str.maketrans({"：": ":", "；": ";", "，": ",", "（": "(", "）": ")"})


def _page_whole(t: str) -> str:
    """Copied whole from its page: the site's menu above it; a signature, `(此件公开发布)` and the
    site's footer after it."""
    return (
        "首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流\n\n"
        + t.rstrip("\n")
        + (
            "\n\n某某市人民政府办公室\n2021年5月10日\n(此件公开发布)\n\n扫一扫在手机打开当前页\n"
            "【我要纠错】 【打印本页】 【关闭窗口】\n"
            "主办单位:某某市人民政府办公室 网站标识码:3301000001 京ICP备05070218号\n技术支持:某某科技有限公司\n"
        )
    )


def _printed_whole(t: str) -> str:
    """Printed whole and copied out of the print: a page number every 25 lines, whom to call, the
    signature and the 版记 after it."""
    paged = "\n".join(line + (f"\n— {k // 25 + 1} —" if k % 25 == 24 else "") for k, line in enumerate(t.split("\n")))
    return paged.rstrip("\n") + (
        "\n\n(联系人:张三,联系电话:023-12345678)\n\n某某区人民政府办公室\n2021年5月10日\n\n"
        "抄送:区委办公室,区人大常委会办公室,区政协办公室。\n某某区人民政府办公室                2021年5月12日印发\n"
    )


def _invisible(t: str) -> str:
    """A page's zero-width spaces and no-break spaces (beside 、 too)."""
    spaced = "".join(ch + ("\u200b" if i % 17 == 0 and ch != "\n" else "") for i, ch in enumerate(t))
    return spaced.replace(" ", "\u00a0").replace("、", "、\u00a0")


def _bumen(t: str) -> str:
    """部门 where it says 单位 (the labels and the rules that name them)."""
    return t.replace("牵头单位", "牵头部门").replace("责任单位", "责任部门").replace("配合单位", "配合部门")


# Each way a document reaches a user, several at once (each read of the corpus costs a second):
COPIED = {
    "copied whole from its page, invisible characters and full-width punctuation (bars too) in it": lambda t: (
        _page_whole(_invisible(t).translate(_FULL))
    ),
    "printed whole with its colophon, half-width punctuation, 部门 for 单位": lambda t: _printed_whole(
        _bumen(t.translate(_HALF))
    ),
    "saved by another editor (traditional characters, CRLF, indents, trailing blanks)": lambda t: "\r\n".join(
        f"\u3000\u3000{line}  " if line.strip() else line for line in _s2t(t).split("\n")
    ),
}


def _read(name: str, text: str):
    year = reading(name)["document"].get("year")
    return read_document(text.encode("utf-8"), f"{name}.txt", year=year)


def _rows(doc) -> list:
    """What a unit's list depends on: each row's units by role (compared as look-ups compare
    names: bracket widths aside) and each item's deadlines."""
    return [
        (
            r.id,
            [key(u) for u in r.lead_units],
            [key(u) for u in r.responsible_units],
            [key(u) for u in r.cooperating_units],
            [(i.deadline, i.relative_deadline) for i in r.items],
        )
        for r in doc.rows
    ]


@functools.cache
def _as_found(name: str) -> list:
    return _rows(_read(name, (REAL / f"{name}.txt").read_text(encoding="utf-8")))


@pytest.mark.parametrize("how", sorted(COPIED))
def test_a_real_document_reads_the_same_however_it_was_copied(how):
    differ = []
    for name in READ_RIGHT:
        text = COPIED[how]((REAL / f"{name}.txt").read_text(encoding="utf-8"))
        try:
            rows = _rows(_read(name, text))
        except Exception as e:  # noqa: BLE001 - a refusal is a difference too, named below
            differ.append((name, f"{type(e).__name__}: {str(e)[:120]}"))
            continue
        if rows != _as_found(name):
            first = next((a, b) for a, b in itertools.zip_longest(rows, _as_found(name)) if a != b)
            differ.append((name, first))
    assert differ == [], differ[:5]


def test_a_copied_page_says_what_it_left_out():
    name = next(n for n in READ_RIGHT if "pipe-rows" in n)
    doc = _read(name, _page_whole((REAL / f"{name}.txt").read_text(encoding="utf-8")))
    kinds = {n.kind: n for n in doc.notes}
    assert "页脚或公文版记" in kinds["tail_skipped"].message
    assert "落款" in kinds["signature_skipped"].message
    units = {u for r in doc.rows for u in r.lead_units + r.responsible_units + r.cooperating_units}
    assert not units & {"某某市人民政府办公室", "2021年5月10日", "(此件公开发布)", "扫一扫在手机打开当前页"}


def _wrapped(text: str, width: int = 40) -> str:
    """Every line longer than `width` broken into printed lines of that width (a copy out of a
    PDF, or an e-mail client's hard wraps)."""
    return "\n".join(
        "\n".join(line[i : i + width] for i in range(0, len(line), width)) if len(line) > width else line
        for line in text.split("\n")
    )


def test_a_real_prose_document_hard_wrapped_reads_the_same_or_says_where_it_doubts():
    """Prose breakdowns (the units in a bracket after each task) copied with hard wraps: the same
    rows, or a refusal naming its line, or a warning a person sees before loading; never other
    rows in silence. Most read the same (a bracket broken over two lines is joined back)."""
    same, silent = 0, []
    prose = [n for n in READ_RIGHT if "prose" in n]
    for name in prose:
        try:
            doc = _read(name, _wrapped((REAL / f"{name}.txt").read_text(encoding="utf-8")))
        except ParseError:
            continue
        if _rows(doc) == _as_found(name):
            same += 1
        elif not any(n.severity == "warning" for n in doc.notes):
            silent.append(name)
    assert silent == []
    assert same >= len(prose) * 0.9, (same, len(prose))


def _as_web_page(text: str) -> bytes:
    """The text saved as a web page, a paragraph a line (as the page it was copied from)."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>".encode()


def test_a_real_prose_document_saved_as_a_web_page_reads_as_its_text():
    """A mirror's pinyin glosses (`經(jīng)開區(qū)`) go in a saved page as in its copied text."""
    differ = []
    for name in (n for n in READ_RIGHT if "prose" in n):
        text = (REAL / f"{name}.txt").read_text(encoding="utf-8")
        year = reading(name)["document"].get("year")
        doc = read_document(_as_web_page(text), f"{name}.html", year=year)
        if _rows(doc) != _as_found(name):
            differ.append(name)
    assert differ == []
