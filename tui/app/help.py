"""The help screen: every key binding, as the app currently maps it."""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.screen import Screen

from ..textwidth import cells
from .checklist_view import ChecklistView

INTRO = (
    "gongkai-tui:逐项记录本单位的政务公开任务完成情况。每次修改立即保存,并留有修改记录。\n"
    "多选(v)后,空格 / d / x / A 作用于所有选中的条目,撤销一次即可全部恢复。\n"
    "A 把条目分解给下级单位(部门、镇街、科室);R 分解汇总:各下级单位的报送、催办(c)、通报(t)、\n"
    "印发本单位的任务分工(i,下级单位载入即得分解给它的条目)、用报送填写本单位的具体完成情况(f)。\n"
    "D 切换任务分工文件,O 载入新的一份:一个数据库可存放多年的任务分工,顶栏显示当前的文号与年度。\n"
    "详情中的「往年参考」是往年文件中与本条相近的条目,及本单位当时的完成情况;\n"
    "W 经确认后把往年的工作要求、责任科室、责任人带入本条。\n"
    "「适用」列:直接 = 文件点名本单位;统称 = 点名的统称(如各区县政府)包括本单位;\n"
    "待确认 = 点名的统称(如市政府有关部门)是否包括本单位需核实:c 确认适用,x 设为不适用并写明理由。\n"
    "「角色」列:牵 = 牵头单位,责 = 责任单位,配合(并列时为配)= 配合单位,牵/责 = 两者都是;r 在本单位有的角色间切换。L 牵头检查列出清单中标「牵」的行。\n"
    "以统称(各区县政府)打开时,第一次修改先选择本单位,进度记在该单位名下;m 更换。\n"
    "筛选「近期到期」:截至日期起若干天内到期(默认 30 天)及已逾期的未完成条目;t 按时限排序。\n"
    "b 细化步骤:把条目细化为本单位可操作、可量化的步骤(做什么、谁负责、时限、公开路径、目标),\n"
    "各有状态;步骤全部完成时条目随之完成(条目的状态另行设定过的除外)。N 填写具体完成情况(可多行)。\n\n"
)


_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "空格",
    "escape": "Esc",
    "enter": "回车",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "tab": "Tab",
}


def key_name(key: str) -> str:
    """`ctrl+z` → `Ctrl+Z`, `question_mark` → `?`, `f1` → `F1`."""
    if key in _NAMES:
        return _NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    if len(key) == 2 and key[0] == "f" and key[1].isdigit():
        return key.upper()
    return key


def help_text(app: App, screen: Screen) -> Text:
    t = Text(INTRO)
    seen = set()
    for source in (screen, ChecklistView):
        for b in getattr(source, "BINDINGS", []):
            if b.id in seen:
                continue
            seen.add(b.id)
            chosen = getattr(app, "user_keymap", {}).get(b.id, b.key)  # 快捷键 in the settings
            keys = " / ".join(key_name(k.strip()) for k in chosen.split(","))
            t.append(keys + " " * max(1, 18 - cells(keys)), style="bold")
            t.append(f"{b.description}\n")
    t.append("\nCtrl+P 打开命令面板(中文命令)。搜索框内回车跳到第一个结果,Esc 清除搜索。\n", style="dim")
    return t
