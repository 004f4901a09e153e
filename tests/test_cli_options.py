"""Options written before the command name (`gongkai-tui --db X done …`) are honoured or refused,
never ignored (DESIGN §5); a `--db` that does not exist, or is a dangling link, is refused, not
replaced by a fresh 2021 database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import PRISTINE
from tests.cli_helpers import assert_user_error, invoke, ok


def history_rows(db: Path) -> int:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]


@pytest.fixture
def env_db(tmp_path) -> Path:
    """The default database ($GONGKAI_DB, set by conftest), made to exist."""
    path = tmp_path / "env-default.sqlite"
    shutil.copyfile(PRISTINE, path)
    return path


# -- honoured ------------------------------------------------------------------------------


def test_db_before_the_command_is_the_database_written(work_db, env_db):
    result = ok(invoke("--db", work_db, "done", "1.1.3-1", "--unit", "渝中区"))
    assert result.stdout.startswith("1.1.3-1 已完成")
    assert history_rows(work_db) > 0
    assert history_rows(env_db) == 0  # was: written to the default database, exit 0


def test_unit_and_as_of_before_the_command_apply_to_it(work_db):
    result = ok(invoke("--unit", "渝中区", "--as-of", "2021-01-02", "--db", work_db, "list"))
    assert result.stdout.startswith("渝中区 · 渝府办发〔2021〕50号 · 截至 2021-01-02")


def test_doc_before_the_command_applies_to_it(work_db):
    result = invoke("--doc", "1999", "list", "--unit", "渝中区", "--db", work_db)
    assert_user_error(result, "1999")


def test_the_same_value_on_both_sides_is_fine(work_db):
    ok(invoke("--db", work_db, "list", "--unit", "渝中区", "--db", work_db))


def test_different_values_on_both_sides_are_refused_naming_both(work_db, tmp_path):
    other = tmp_path / "other.sqlite"
    shutil.copyfile(PRISTINE, other)
    result = invoke("--db", other, "done", "1.1.3-1", "--unit", "渝中区", "--db", work_db)
    message = assert_user_error(result)
    assert message.splitlines()[0] == (
        f"错误:--db 写了两次而且不一样:命令名之前是「{other}」,之后是「{work_db}」;请只写一次"
    )
    assert history_rows(work_db) == history_rows(other) == 0
    message = assert_user_error(invoke("-u", "渝中区", "list", "--unit", "江北区", "--db", work_db))
    assert "命令名之前是「渝中区」,之后是「江北区」" in message


def test_an_option_the_command_does_not_have_is_refused(work_db):
    message = assert_user_error(invoke("--as-of", "2021-01-02", "done", "1.1.3-1", "--unit", "渝中区", "--db", work_db))
    assert (
        message.splitlines()[0]
        == "错误:--as-of 对 done 命令无效(写在命令名之前也一样),这个命令没有用到它;请去掉 --as-of"
    )
    assert history_rows(work_db) == 0
    message = assert_user_error(invoke("--unit", "渝中区", "units", "--db", work_db))
    assert message.startswith("错误:--unit 对 units 命令无效")


def test_top_level_help_lists_the_options_and_says_they_apply(work_db):
    text = ok(invoke("--help")).stdout
    for option in ("--db", "--doc", "--unit", "--as-of"):
        line = next(ln for ln in text.splitlines() if ln.strip().split(" ")[0].rstrip(",") in (option, "-u"))
        assert "写在命令名之前时用于该命令" in line, line


# -- a --db that does not exist ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--unit", "渝中区"),
        ("dump",),
        ("units",),
        ("done", "1.1.3-1", "--unit", "渝中区"),
        ("export", "--unit", "渝中区"),
    ],
    ids=lambda a: a[0],
)
def test_a_missing_db_is_refused_not_created(tmp_path, args):
    missing = tmp_path / "typo.sqlite"
    message = assert_user_error(invoke(*args, "--db", missing))
    assert message == (
        f"错误:数据库不存在:{missing};用 --db 指定的数据库必须已经存在,不会自动新建"
        "(只有 load、restore 会新建)。请检查路径,或不写 --db,使用默认的工作数据库\n"
    )
    assert not missing.exists()


def test_the_default_database_is_still_created_on_first_use(tmp_path):
    result = ok(invoke("list", "--unit", "渝中区"))
    assert "已从随程序附带的任务分工创建工作数据库" in result.stderr
    assert (tmp_path / "env-default.sqlite").is_file()


def test_the_app_refuses_a_missing_db_too(tmp_path, capsys):
    from tui.launch import open_app

    missing = tmp_path / "typo.sqlite"
    assert open_app("渝中区", str(missing)) == 2
    assert capsys.readouterr().err.startswith(f"错误:数据库不存在:{missing};")
    assert not missing.exists()


def test_restore_may_start_a_new_database(work_db, tmp_path):
    new = tmp_path / "new.sqlite"
    ok(invoke("restore", work_db, "--db", new))
    assert new.is_file()


# -- a dangling symbolic link ---------------------------------------------------------------


@pytest.mark.parametrize("by_env", [False, True], ids=["--db", "GONGKAI_DB"])
def test_a_dangling_link_is_refused_naming_link_and_target(tmp_path, monkeypatch, by_env):
    link, target = tmp_path / "link.sqlite", tmp_path / "gone" / "tasks.sqlite"
    os.symlink(target, link)
    if by_env:
        monkeypatch.setenv("GONGKAI_DB", str(link))
    result = invoke("list", "--unit", "渝中区", *([] if by_env else ["--db", link]))
    message = assert_user_error(result)
    assert message == (
        f"错误:{link} 是一个符号链接,指向的 {target} 不存在;没有新建数据库,这个链接也没有改动。"
        "请修正链接,或用 --db 直接写数据库文件的路径\n"
    )
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert not target.exists()


def test_a_link_to_a_database_works(work_db, tmp_path):
    link = tmp_path / "link.sqlite"
    os.symlink(work_db, link)
    data = json.loads(ok(invoke("list", "--unit", "渝中区", "--json", "--db", link)).stdout)
    assert data and link.is_symlink()


def test_the_app_opened_for_a_unit_no_document_names_says_to_load_the_breakdown_first(work_db, capsys):
    """A department on its own machine starts the app with its name before loading the 任务分工
    its 区 issued: the refusal names the unit and says how to load that file."""
    from tui.launch import open_app

    assert open_app("区发展改革委", str(work_db)) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误:未知单位「区发展改革委」") and "先载入那份文件:gongkai-tui load 文件路径" in err
    assert open_app("俞中区", str(work_db)) == 2  # a typo is still a typo: the suggestion, and the hint after it
    assert "「渝中区」" in capsys.readouterr().err
