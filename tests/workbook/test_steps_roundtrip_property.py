"""Property: random 细化 steps and narratives, exported as the 上报版 and imported back
untouched, change nothing and list nothing; a random set of edits to step rows (status,
text, narrative) imports to exactly those changes."""

from __future__ import annotations

import datetime as dt
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tui.store import Store
from tui.workbook.importer import plan_import
from tui.workbook.service import export_checklist

from tests.conftest import PRISTINE

from .conftest import HEADER_ROW, scol

UNIT = "渝中区"
ITEMS = ["1.1.3-1", "1.1.5-1", "1.2.2-1", "2.2.3-2"]
NOW = dt.datetime(2026, 8, 2, 9, 0)
words = (
    st.text(alphabet="发布解读专栏政策问答更新公开会议纪要年度报告0123456789 ,。", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
narratives = st.none() | st.lists(words, min_size=1, max_size=3).map("\n".join)
steps = st.dictionaries(
    st.sampled_from(ITEMS), st.lists(st.tuples(words, narratives), min_size=1, max_size=3), min_size=1, max_size=3
)


def written(db, path):
    with Store(db) as store:
        plan = plan_import(store, [path], now=NOW)
        assert plan.errors == []
        out = store.preview(plan.batches)
    return {(w.item_id, w.field, w.new) for w in out}, plan.not_imported


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(given_steps=steps, data=st.data())
def test_steps_export_import_unchanged_is_a_no_op_and_edits_apply_exactly(tmp_path_factory, given_steps, data):
    folder = tmp_path_factory.mktemp("steps")
    db = folder / "work.sqlite"
    shutil.copyfile(PRISTINE, db)
    with Store(db) as store:
        for item, made in given_steps.items():
            for text, narrative in made:
                number, _ = store.add_step(UNIT, item, text, {"narrative": narrative} if narrative else {})
        path = export_checklist(store, UNIT, dt.date(2026, 8, 1), folder / "渝中区.xlsx", now=NOW)
    assert written(db, path) == (set(), [])

    wb = load_workbook(path)
    ws = wb["任务清单"]
    seq_of = {ws[f"B{r}"].value: ws[f"A{r}"].value for r in range(HEADER_ROW + 1, ws.max_row) if ws[f"B{r}"].value}
    row_of = {ws[f"A{r}"].value: r for r in range(HEADER_ROW + 1, ws.max_row)}
    expected = set()
    for item, made in given_steps.items():
        for number in range(1, len(made) + 1):
            r = row_of[f"{seq_of[item]}.{number}"]
            field = f"step:{number}:"
            if data.draw(st.booleans()):
                ws[f"{scol('完成情况')}{r}"] = "推进中"
                expected.add((item, field + "status", "推进中"))
            if data.draw(st.booleans()):
                new = data.draw(words)
                if new != made[number - 1][0]:
                    ws[f"{scol('工作任务')}{r}"] = new
                    expected.add((item, field + "text", new))
            if data.draw(st.booleans()):
                new = data.draw(words) + "(已办)"
                ws[f"{scol('具体完成情况')}{r}"] = new
                expected.add((item, field + "narrative", new))
    wb.save(path)
    found, listed = written(db, path)
    step_changes = {c for c in found if c[1].startswith("step:")}
    assert step_changes == expected and listed == []
