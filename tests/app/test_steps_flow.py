"""Pilot tests of 细化 (b) and 具体完成情况 (N) (issue #23 items 3 and 4): steps added,
marked and removed in their dialog, the item following them, z taking each step back,
the detail pane showing them, search finding them; the narrative editor offering the
evidence titles without storing them."""

from __future__ import annotations

from tui.app.checklist_view import ChecklistView
from tui.app.detail import DetailPane
from tui.app.dialogs import ConfirmDialog
from tui.app.steps_dialog import StepForm, StepsDialog
from tui.app.text_editor import TextEditor
from tui.store import Store

from .type_keys import fill_boxes, type_text

SIZE = (120, 36)


def steps_of(work_db, item, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return store.steps_of(unit, [item]).get(item, [])


def entry(work_db, item, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return store.entry(unit, item)


async def test_steps_are_added_marked_and_removed_and_z_takes_them_back(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("b")
        assert isinstance(app.screen, StepsDialog)
        await pilot.press("a")
        assert isinstance(app.screen, StepForm)
        await fill_boxes(pilot, "发布政策解读", "办公室", "王芳")
        await pilot.press("enter")
        await type_text(pilot, "2026-06-30")
        await pilot.press("enter", "enter")  # 公开路径 left empty
        await type_text(pilot, "解读4篇")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepsDialog)
        await pilot.press("a")
        await type_text(pilot, "更新专栏")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [
            (s["number"], s["text"], s["office"], s["person"], s["deadline"], s["path"], s["target"])
            for s in steps_of(work_db, item)
        ] == [
            (1, "发布政策解读", "办公室", "王芳", "2026-06-30", None, "解读4篇"),
            (2, "更新专栏", None, None, None, None, None),
        ]
        await pilot.press("space")  # the cursor on the step just added: 2 推进中, and the item follows
        await pilot.pause()
        assert entry(work_db, item).status == "推进中"
        await pilot.press("space")  # 2 已完成, 1 not yet: the item stays 推进中
        await pilot.pause()
        assert entry(work_db, item).status == "推进中"
        await pilot.press("up", "space", "space")  # 1 推进中 → 已完成: every step done
        await pilot.pause()
        assert [s["status"] for s in steps_of(work_db, item)] == ["已完成", "已完成"]
        assert entry(work_db, item).status == "已完成"
        await pilot.press("down", "N")
        await type_text(pilot, "共发布 5 篇")
        await pilot.press("ctrl+s")  # the narrative of step 2
        await pilot.pause()
        assert steps_of(work_db, item)[1]["narrative"] == "共发布 5 篇"
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert [s["number"] for s in steps_of(work_db, item)] == [1]
        await pilot.press("escape")
        await pilot.pause()
        pane = str(app.screen.query_one(DetailPane).text)
        assert "细化步骤(已完成 1/1,按 b 编辑)" in pane and f"{item}.1 [已完成] 发布政策解读" in pane
        assert "办公室/王芳 · 时限 2026-06-30 · 目标 解读4篇" in pane
        await pilot.press("z")  # the removal back, with its narrative
        await pilot.pause()
        assert [(s["number"], s["narrative"]) for s in steps_of(work_db, item)] == [(1, None), (2, "共发布 5 篇")]
        await pilot.press("z", "z")  # the narrative, then step 1's 已完成 (and the item's with it)
        await pilot.pause()
        assert [s["status"] for s in steps_of(work_db, item)] == ["推进中", "已完成"]
        assert entry(work_db, item).status == "推进中"


async def test_search_finds_an_item_by_its_steps_and_narrative(make_app, work_db):
    with Store(work_db) as store:
        store.add_step("渝中区", "1.1.5-1", "编制国土空间规划解读", {"person": "赵六"})
        store.set_narrative("渝中区", "1.1.6-1", "已在专栏公开\n共三篇")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await pilot.press("slash")
        await type_text(pilot, "赵六")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in view.entries] == ["1.1.5-1"]
        await pilot.press("escape", "slash")
        await type_text(pilot, "共三篇")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in view.entries] == ["1.1.6-1"]


async def test_the_narrative_editor_offers_the_evidence_titles_and_stores_only_on_save(make_app, work_db):
    with Store(work_db) as store:
        store.add_evidence("渝中区", "1.1.3-1", "https://www.cqyz.gov.cn/a.html", caption="政策解读专栏")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N")
        assert isinstance(app.screen, TextEditor) and app.screen.text == "政策解读专栏\n"
        await pilot.press("escape")  # not changed: closes without asking, nothing stored
        await pilot.pause()
        assert entry(work_db, "1.1.3-1").narrative is None
        await pilot.press("N")  # typed at once: on the new line under the titles, not glued to the last
        await type_text(pilot, "另发布解读 4 篇")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert entry(work_db, "1.1.3-1").narrative == "政策解读专栏\n另发布解读 4 篇"
        assert "具体完成情况:\n  政策解读专栏\n  另发布解读 4 篇" in str(app.screen.query_one(DetailPane).text)
        await pilot.press("z")
        await pilot.pause()
        assert entry(work_db, "1.1.3-1").narrative is None


async def test_an_empty_step_is_refused_in_the_form(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "a", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepForm)
        assert "步骤内容不能为空" in str(app.screen.query_one("#step-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepsDialog)
    assert steps_of(work_db, "1.1.3-1") == []


async def test_a_step_takes_a_link_and_a_file_as_evidence(make_app, work_db, tmp_path):
    paper = tmp_path / "解读.pdf"
    paper.write_bytes(b"%PDF-1.4 step evidence")
    with Store(work_db) as store:
        store.add_step("渝中区", "1.1.3-1", "发布政策解读")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "e")
        await type_text(pilot, "ftp://x")
        await pilot.press("enter")  # refused in the prompt, nothing written
        await pilot.pause()
        assert "http" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press(*["backspace"] * 7)
        await type_text(pilot, "https://www.cqyz.gov.cn/jd.html")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await type_text(pilot, str(paper))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StepsDialog)
    [step] = steps_of(work_db, "1.1.3-1")
    assert [(r["kind"], r["value"]) for r in step["evidence"]] == [
        ("url", "https://www.cqyz.gov.cn/jd.html"),
        ("file", str(paper.resolve())),
    ]
    assert step["evidence"][1]["sha256"] and step["evidence"][1]["size"] == paper.stat().st_size
    assert entry(work_db, "1.1.3-1").evidence_count == 0  # the step's, not the item's


async def test_enter_edits_a_step_with_its_values_in_the_boxes(make_app, work_db):
    with Store(work_db) as store:
        store.add_step("渝中区", "1.1.3-1", "发布政策解读", {"office": "办公室", "person": "王芳"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "enter")
        assert isinstance(app.screen, StepForm)
        assert app.screen.typed() == {
            "text": "发布政策解读",
            "office": "办公室",
            "person": "王芳",
            "deadline": "",
            "path": "",
            "target": "",
        }
        await pilot.press("tab", "tab", *["backspace"] * 2)
        await type_text(pilot, "李明")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StepsDialog)
    [step] = steps_of(work_db, "1.1.3-1")
    assert (step["text"], step["office"], step["person"]) == ("发布政策解读", "办公室", "李明")
    with Store(work_db, readonly=True) as store:  # one history line: only what changed
        assert [h["field"] for h in store.history("渝中区", "1.1.3-1")] == ["step:1:+", "step:1:person"]
