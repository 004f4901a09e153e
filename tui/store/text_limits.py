"""The limits every progress text and evidence list is held to (check_text, MAX_TEXT,
MAX_EVIDENCE): the store's API and the 细化 steps (steps.py) apply the same ones, and
neither imports the other for them."""

from __future__ import annotations

from .errors import InputError

# Characters a workbook cell cannot hold (XML 1.0): the export would fail on them later.
_NOT_IN_CELLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def check_text(label: str, value: str | None) -> None:
    """Refuse text that could not be stored as UTF-8 or written to the workbook."""
    if value is None:
        return
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise InputError(f"{label}中含有无法识别的字符(可能是编码错误),未写入")
    if any(c in _NOT_IN_CELLS for c in value):
        raise InputError(f"{label}中含有控制字符,未写入")
    if len(value) > MAX_TEXT:
        raise InputError(f"{label}有 {len(value)} 个字符,超过 {MAX_TEXT} 个字符的上限(导出的工作簿也无法再导回),未写入")


# The same limits a workbook import applies (tui/workbook/limits.py): what is stored can be
# exported and imported again.
MAX_TEXT = 2_000
MAX_EVIDENCE = 50
