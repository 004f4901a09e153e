"""督查督办 from a unit's database (issue #25 item 5): the roll-up lines as the rules of
supervision.py read them, and the 催办通知 / 情况通报 written from them — what `chase`,
`bulletin`, `rollup` and the roll-up screen's keys share.

Each line is store.rollup's, with the task's text (the item's, or the 细化 step's), its 时限
as printed (`deadline_text`) and the date it is due (`due`, ISO, or None for a 时限 in
words): the 时限 the issued 任务分工 printed (service.assigned_deadline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..store import InputError, Store
from .service import assigned_deadline, default_issuer
from .supervision import CHASE_DAYS, SCORE_RULE, chased_units, tally, to_chase
from .supervision_docx import Notice, bulletin_title, write_bulletin_docx, write_chase_docx

SUFFIXES = (".docx", ".xlsx")


def supervised_lines(store: Store, unit: str) -> list[dict]:
    """The unit's roll-up lines with `task`, `deadline_text` and `due`."""
    lines = store.rollup(unit)
    if not lines:
        return []
    ids = list(dict.fromkeys(x["item"] for x in lines))
    entries = {e.id: e for e in store.entries(unit, ids)}
    steps = store.steps_of(unit, ids)
    # One 时限 and text per item, step and given 时限: 50 sub-units share each (10,000 lines).
    known: dict[tuple[str, int, str | None], tuple[str, str, str | None]] = {}
    for x in lines:
        key = (x["item"], x["step"], x["deadline"])
        if key not in known:
            e = entries[x["item"]]
            step = next((s for s in steps.get(e.id, ()) if s["number"] == x["step"]), None) if x["step"] else None
            known[key] = (step["text"] if step is not None else e.text, *assigned_deadline(x["deadline"], step, e))
        x["task"], x["deadline_text"], x["due"] = known[key]
    return lines


def _notice(store: Store, unit: str, as_of: dt.date, issuer: str | None, body: str) -> Notice:
    year = store.document.get("year") or as_of.year
    return Notice(issuer or default_issuer(unit), unit, int(year), as_of, body)


def nothing_assigned(unit: str) -> InputError:
    return InputError(f"「{unit}」还没有分解任何条目:先用 gongkai-tui assign 把条目分解给下级单位")


def write_chase(
    store: Store,
    unit: str,
    out: Path,
    as_of: dt.date,
    days: int = CHASE_DAYS,
    issuer: str | None = None,
    body: str = "",
) -> tuple[Path | None, list[dict]]:
    """The 催办通知 to `out` and the lines it chases; (None, []) when nothing is to be chased
    (no file written). Refused when nothing is assigned."""
    lines = supervised_lines(store, unit)
    if not lines:
        raise nothing_assigned(unit)
    chased = to_chase(lines, as_of, days)
    if not chased:
        return None, []
    notice = _notice(store, unit, as_of, issuer, body)
    return write_chase_docx(notice, chased, chased_units(chased), out), chased


def write_bulletin(
    store: Store, unit: str, out: Path, as_of: dt.date, issuer: str | None = None, body: str = ""
) -> Path:
    """The 情况通报 to `out`: a Word notice (.docx) or a workbook (.xlsx)."""
    lines = supervised_lines(store, unit)
    if not lines:
        raise nothing_assigned(unit)
    tallies = tally(lines, as_of)
    notice = _notice(store, unit, as_of, issuer, body)
    if out.suffix.lower() == ".xlsx":
        from .bulletin_xlsx import write_bulletin_xlsx

        return write_bulletin_xlsx(bulletin_title(notice), as_of, tallies, lines, SCORE_RULE, out)
    return write_bulletin_docx(notice, tallies, SCORE_RULE, out)


def body_setting(key: str) -> str:
    """The settings' 印发正文 (`issue_body`), 催办正文 (`chase_body`) or 通报正文 (`bulletin_body`);
    a settings file that cannot be read leaves the default body (the notice is written all the same)."""
    from .. import settings

    try:
        return str(getattr(settings.load(), key))
    except settings.SettingsError:
        return ""


def chase_file_name(unit: str, as_of: dt.date) -> str:
    from ..filenames import safe_filename

    return safe_filename(f"{unit}-催办通知-{as_of:%Y%m%d}.docx")


def bulletin_file_name(unit: str, as_of: dt.date, suffix: str = ".docx") -> str:
    from ..filenames import safe_filename

    return safe_filename(f"{unit}-情况通报-{as_of:%Y%m%d}{suffix}")
