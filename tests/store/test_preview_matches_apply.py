"""`import --dry-run` says what an import would write (store/progress.preview_batches); the
import itself writes it (apply_batches). For any batches — fields set, set again in the same
batch and set to what they hold, values computed from the current one, evidence entries added
and removed, present or not, twice in one batch or in two batches of the unit, a step's fields, a
step added — the preview is
exactly the list of changes the write returns. (Assignments are never in an import's batches:
they are given with `assign`, which writes at once.)"""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PRISTINE
from tui.store import Store, step_rows, steps
from tui.store.progress import EVIDENCE_ADD, EVIDENCE_DEL, Batch, Change, Written, apply_batches, preview_batches

UNIT = "渝中区"
ITEMS = ("1.1.3-1", "1.1.3-2", "1.1.5-1")
TEXT_FIELDS = ("note", "narrative", "office", "person", "requirement")


def evidence(n: int) -> dict:
    return {"kind": "url", "value": f"https://www.cqyz.gov.cn/zwgk/{n}.html", "caption": f"第{n}篇"}


def change(draw) -> Change:
    item = draw(st.sampled_from(ITEMS))
    kind = draw(st.sampled_from(("text", "computed", "status", "evidence", "step")))
    if kind == "step":  # a field of step 1 of the first item (an edited step row of the workbook)
        field = draw(st.sampled_from(("text", "office")))
        values = ("发布解读", "发布解读两篇") if field == "text" else ("办公室", None)  # a step always has its text
        return Change(ITEMS[0], step_rows.field_name(1, field), draw(st.sampled_from(values)))
    if kind == "text":
        return Change(
            item, draw(st.sampled_from(TEXT_FIELDS)), draw(st.sampled_from((None, "甲", "乙", "已发布 3 篇")))
        )
    if kind == "computed":
        return Change(item, draw(st.sampled_from(TEXT_FIELDS)), lambda old: (old or "") + "+")
    if kind == "status":
        return Change(item, "status", draw(st.sampled_from(("未开始", "推进中"))))
    return Change(item, draw(st.sampled_from((EVIDENCE_ADD, EVIDENCE_DEL))), evidence(draw(st.integers(0, 3))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_dry_run_lists_exactly_what_the_import_writes(tmp_path_factory, data):
    db = tmp_path_factory.mktemp("preview") / "work.sqlite"
    shutil.copyfile(PRISTINE, db)
    with Store(db) as store:
        # what is there before: some fields, evidence 0 and 1 on the first item
        store.set_fields(UNIT, ITEMS[0], {"note": "甲", "office": "办公室"})
        store.add_evidence_many(UNIT, ITEMS[0], [evidence(0)["value"], evidence(1)["value"]])
        store.add_step(UNIT, ITEMS[0], "发布解读")
        conn, doc = store.wconn, store.doc
        batches = [
            Batch(doc, UNIT, [data.draw(st.builds(change, st.just(data.draw)))], "import:a.xlsx")
            for _ in range(data.draw(st.integers(1, 2)))
        ]
        for batch in batches:
            batch.changes.extend(change(data.draw) for _ in range(data.draw(st.integers(0, 6))))
        if data.draw(st.booleans()):  # a step added (a new step row of the workbook)
            batches[-1].changes.extend(
                steps.add_changes(conn, doc, UNIT, ITEMS[1], "召开发布会", {"office": "办公室"})[1]
            )
        preview = preview_batches(conn, batches)
        _, written = apply_batches(conn, batches)
    assert [shown(w) for w in preview] == [shown(w) for w in written]


def shown(w: Written) -> tuple:
    """A written change as the dry run reports it: an evidence entry by what it is (the write
    returns the row stored, with its 添加时间; the preview the entry the workbook holds; a step
    added, without the time the write gives it)."""
    if w.field in (EVIDENCE_ADD, EVIDENCE_DEL):
        old, new = ((r["kind"], r["value"], r.get("sha256")) if r else None for r in (w.old, w.new))
        return (w.unit, w.item_id, w.field, old, new, w.source)
    old, new = (
        {k: v for k, v in r.items() if k != "created_at"} if isinstance(r, dict) else r for r in (w.old, w.new)
    )  # a step added: the write stamps when
    return (w.unit, w.item_id, w.field, old, new, w.source)
