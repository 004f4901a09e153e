"""Keys in one place (issue #24 item 3): every key is a Binding with an id, and 快捷键 in the
settings file remaps it through Textual's keymap: the new key does the action, the old one
no longer does, and the help says the new key."""

from __future__ import annotations

from tests.cli_helpers import assert_user_error, invoke, ok
from tui.app.checklist_view import ChecklistView
from tui.app.key_ids import binding_ids

from .test_flows import SIZE, entries


def test_every_binding_has_an_id_and_says_what_it_does():
    ids = binding_ids()
    assert "main.cycle" in ids and ids["main.cycle"][0] == "space"
    assert all(what for _, what in ids.values())


async def test_a_remapped_key_does_the_action_and_the_help_says_it(make_app, work_db, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_SETTINGS", str(tmp_path / "settings.json"))
    ok(invoke("settings", "快捷键", "main.cycle=ctrl+t"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(ChecklistView).entries[0].id
        await pilot.press("space")
        await pilot.pause()
        assert entries(work_db)[first].status == "未开始"  # the old key no longer cycles
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert entries(work_db)[first].status == "推进中"
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Ctrl+T" in shown and "切换状态" in shown


def test_a_key_id_nobody_has_is_refused_with_the_closest(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_SETTINGS", str(tmp_path / "settings.json"))
    assert_user_error(invoke("settings", "快捷键", "main.cycel=ctrl+t"), "没有按键编号「main.cycel」", "main.cycle")
    assert_user_error(invoke("settings", "快捷键", "main.cycle"), "应写成 按键编号=按键")
    assert not (tmp_path / "settings.json").exists()
    listed = ok(invoke("settings", "快捷键", "?")).stdout
    assert "main.cycle\tspace\t切换状态" in listed


def test_a_hand_edited_settings_file_with_wrong_types_reads_as_defaults(tmp_path):
    from tui.settings import load

    path = tmp_path / "settings.json"
    path.write_text('{"due_days": "7", "filler": 3, "keymap": "乱写", "export_layout": "随便"}', encoding="utf-8")
    s = load(path)
    assert (s.due_days, s.filler, s.keymap, s.export_layout) == (30, "", {}, "")
    assert s.signatures() == {"filled_by": "", "phone": "", "reviewer": ""}


async def test_a_hand_edited_keymap_that_cannot_be_used_is_said_at_start(make_app, work_db, tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    monkeypatch.setenv("GONGKAI_SETTINGS", str(settings))
    settings.write_text('{"keymap": "main.cycle=ctrl+t,main.cycel=f5"}', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("main.cycel" in m and "未采用" in m for m in said), said
        first = app.screen.query_one(ChecklistView).entries[0].id
        await pilot.press("ctrl+t")  # the readable part is applied
        await pilot.pause()
        assert entries(work_db)[first].status == "推进中"
    settings.write_text('{"keymap": "乱写"}', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("按默认按键" in n.message for n in app._notifications)
