"""Disclosure paths: `(公开路径:1.政府网站>…>…,2.其他渠道)` inside item text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import digits, COLON, COMMA, DOT, IDEO_COMMA, LPAREN, PERIOD, RPAREN, SEMI, cls

_MARKER = re.compile(rf"公开(?:路径|渠道)\s*{cls(COLON)}")
_PAIRS = {"(": ")", "（": "）", "〔": "〕", "[": "]", "［": "］", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_ROUND = set(LPAREN)
# `(公开路径:…)` as a whole paragraph, optionally ending with 。
PATHS_ONLY = re.compile(
    rf"^{cls(LPAREN, '〔[［【')}\s*公开(?:路径|渠道)\s*{cls(COLON)}.*{cls(RPAREN, '〕]］】')}\s*{cls(PERIOD, DOT)}?$",
    re.S,
)
_SEPARATORS = COMMA + SEMI + IDEO_COMMA


def _find_close(text: str, open_at: int) -> int | None:
    """Index of the bracket closing text[open_at]; ASCII and full-width round
    brackets are mixed freely in practice, so they close each other."""
    depth = []
    for i in range(open_at, len(text)):
        c = text[i]
        if c in _PAIRS:
            depth.append(c)
        elif c in _CLOSERS:
            want = _CLOSERS[c]
            if depth and (depth[-1] == want or (depth[-1] in _ROUND and want in _ROUND)):
                depth.pop()
                if not depth:
                    return i
    return None


@dataclass(frozen=True)
class _Span:
    start: int  # body start in the text
    end: int  # body end (exclusive)
    marks: tuple[tuple[int, int, bool], ...]  # (digit start, digit end, has dot) per alternative


def _spans(text: str) -> list[_Span]:
    spans = []
    for m in _MARKER.finditer(text):
        opener = m.start() - 1
        close = _find_close(text, opener) if opener >= 0 and text[opener] in _PAIRS else None
        start, end = m.end(), (close if close is not None else len(text))
        marks = []
        first = re.compile(rf"\s*({digits(1)})({cls(DOT, IDEO_COMMA)}?)(?=\D)").match(text, start, end)
        if first:
            marks.append((first.start(1), first.end(1), bool(first.group(2))))
            pos, n = first.end(), 2
            while True:
                nxt = re.compile(rf"{cls(_SEPARATORS)}\s*({digits(n)})({cls(DOT, IDEO_COMMA)}?)(?=\D)").search(
                    text, pos, end
                )
                if not nxt:
                    break
                marks.append((nxt.start(1), nxt.end(1), bool(nxt.group(2))))
                pos, n = nxt.end(), n + 1
        spans.append(_Span(start, end, tuple(marks)))
    return spans


def find_paths(text: str) -> list[str]:
    """Every disclosure path named in the text, in order, numbering removed."""
    found: list[str] = []
    for span in _spans(text):
        if not span.marks:
            body = text[span.start : span.end].strip()
            if body:
                found.append(body)
            continue
        for i, (_, digit_end, has_dot) in enumerate(span.marks):
            begin = digit_end + (1 if has_dot else 0)
            finish = span.marks[i + 1][0] if i + 1 < len(span.marks) else span.end
            part = text[begin:finish].strip().rstrip(_SEPARATORS + PERIOD).strip()
            if part:
                found.append(part)
    return found


def repair_path_numbering(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Put back dots lost after path numbers: `1政府网站` → `1.政府网站`."""
    inserts = [
        digit_end
        for span in _spans(text)
        if len(span.marks) > 1
        for (_, digit_end, has_dot) in span.marks
        if not has_dot
    ]
    repairs = [(text[max(0, at - 1) : at + 4], text[max(0, at - 1) : at] + "." + text[at : at + 4]) for at in inserts]
    for at in sorted(inserts, reverse=True):
        text = text[:at] + "." + text[at:]
    return text, repairs
