"""The user's settings, a small UTF-8 JSON file next to the working database's default place
(`settings.json` in the data directory, or `$GONGKAI_SETTINGS`): who fills in and checks the
report, where exports go, how many days ahead counts as 近期到期, and which member unit a
person of a collective (各区县政府) is. Written atomically; a damaged file is refused with
its name, never overwritten silently."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from .errors.family import GongkaiError
from .atomic import replacing
from .errors_text import os_error_text

ENV_VAR = "GONGKAI_SETTINGS"

# What a user can set from `gongkai-tui settings`: Chinese name → (key, kind, help)
FIELDS = {
    "填报人": ("filler", str, "任务清单表尾的填报人"),
    "联系电话": ("phone", str, "任务清单表尾的联系电话"),
    "审核人": ("reviewer", str, "任务清单表尾的审核人"),
    "导出文件夹": ("export_folder", str, "导出工作簿的默认文件夹(界面的 E,以及不写 -o 的 export 命令)"),
    "近期天数": ("due_days", int, "「近期到期」筛选包含多少天内到期的条目(默认 30)"),
    "导出版式": ("export_layout", str, "界面导出时默认选中的版式:上报版、完整版或汇总表(汇总表只对牵头单位)"),
    "快捷键": (
        "keymap",
        str,
        "界面按键改用别的键:按键编号=新按键,多个用逗号分隔,如 main.cycle=ctrl+t,main.search=f3"
        "(按键编号见 gongkai-tui settings 快捷键 ?)",
    ),
    "印发正文": (
        "issue_body",
        str,
        "印发任务分工通知的正文(不写用默认);分段用 | 分隔,{table} {unit} {issuer} 处填入任务分工名称、本单位和发文机关",
    ),
    "催办正文": (
        "chase_body",
        str,
        "催办通知的正文(不写用默认);分段用 | 分隔,{unit} {issuer} {date} 处填入本单位、发文机关和截至日期",
    ),
    "通报正文": (
        "bulletin_body",
        str,
        "情况通报的正文(不写用默认);分段用 | 分隔,{unit} {issuer} {date} 处填入本单位、发文机关和截至日期",
    ),
}
EXPORT_LAYOUTS = ("上报版", "完整版", "汇总表")
DEFAULTS = {"due_days": 30}
MAX_TEXT = 200
MAX_KEYMAP = 2000  # 快捷键: every binding remapped fits
MAX_BODY = 1000  # 印发正文, 催办正文, 通报正文: a few paragraphs
_KEY_ID = re.compile(r"^[a-z_]+(?:\.[a-z_]+)+$")
_KEYS = re.compile(r"^[a-z0-9_+]+(?:\|[a-z0-9_+]+)*$")
MAX_BYTES = 64 * 1024


class SettingsError(GongkaiError):
    """A settings file that cannot be read or written, or a value that cannot be set."""


def settings_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from .store.db import data_dir

    return data_dir() / "settings.json"


class Signatures(TypedDict, total=False):
    """The foot of the 任务清单: export_checklist's keyword arguments of the same names."""

    filled_by: str
    phone: str
    reviewer: str


@dataclass
class Settings:
    """The settings file, read once; each setting typed (a value of the wrong type in a file
    edited by hand reads as not set)."""

    path: Path
    values: dict

    def get(self, key: str):
        return self.values.get(key, DEFAULTS.get(key))

    def _text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    @property
    def filler(self) -> str:
        return self._text("filler")

    @property
    def phone(self) -> str:
        return self._text("phone")

    @property
    def reviewer(self) -> str:
        return self._text("reviewer")

    @property
    def export_folder(self) -> str:
        return self._text("export_folder")

    @property
    def export_layout(self) -> str:
        return self._text("export_layout") if self._text("export_layout") in EXPORT_LAYOUTS else ""

    @property
    def issue_body(self) -> str:
        return self._text("issue_body")

    @property
    def chase_body(self) -> str:
        return self._text("chase_body")

    @property
    def bulletin_body(self) -> str:
        return self._text("bulletin_body")

    @property
    def due_days(self) -> int:
        value = self.values.get("due_days")
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 366:
            return value
        return DEFAULTS["due_days"]

    @property
    def keymap(self) -> dict[str, str]:
        """Binding id → the keys the user chose instead (Textual's keymap format: `ctrl+t`,
        several as `f3,ctrl+f`); what cannot be read is left out."""
        try:
            return parse_keymap(self._text("keymap"))
        except SettingsError:
            return {}

    @property
    def keymap_problem(self) -> str | None:
        """Why 快捷键 in a hand-edited file cannot be read (None: it can, or is not set)."""
        try:
            parse_keymap(self._text("keymap"))
        except SettingsError as e:
            return str(e)
        return None

    def signatures(self) -> Signatures:
        """The form's foot (填报人、联系电话、审核人), as export_checklist takes it."""
        return {"filled_by": self.filler, "phone": self.phone, "reviewer": self.reviewer}

    def member_for(self, collective: str) -> str | None:
        """The member unit this person is, for a collective (set at their first write)."""
        return (self.values.get("members") or {}).get(collective)


def parse_keymap(text: str) -> dict[str, str]:
    """`main.cycle=ctrl+t, main.search=f3|ctrl+f` → {binding id: keys} (several keys joined
    by `|` in the setting, since `,` separates the pairs). Refused naming the pair."""
    out: dict[str, str] = {}
    for pair in (p.strip() for p in re.split(r"[,，]", text or "")):
        if not pair:
            continue
        key_id, sep, keys = (part.strip() for part in pair.partition("="))
        if not sep or not _KEY_ID.match(key_id) or not _KEYS.match(keys.lower()):
            raise SettingsError(f"「快捷键」中的「{pair[:40]}」应写成 按键编号=按键,如 main.cycle=ctrl+t")
        out[key_id] = keys.lower().replace("|", ",")
    return out


def remembered_members() -> dict[str, str]:
    """collective → the member unit this person is, for every collective answered (what
    tui/store/unit_choice.py is given); empty when the file cannot be read (a door then
    asks or refuses, naming the members, rather than guess)."""
    try:
        members = load().values.get("members")
    except SettingsError:
        return {}
    return {k: v for k, v in members.items() if isinstance(v, str)} if isinstance(members, dict) else {}


def load(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Settings(path, {})
    except OSError as e:
        raise SettingsError(f"无法读取设置文件 {path}:{os_error_text(e)}") from None
    if len(data) > MAX_BYTES:
        raise SettingsError(f"设置文件 {path} 超过 {MAX_BYTES // 1024} KB,不像是本程序写的;请删除或改名后重试")
    try:
        values = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        where = f"第 {e.lineno} 行" if isinstance(e, json.JSONDecodeError) else "编码不是 UTF-8"
        raise SettingsError(f"设置文件 {path} 已损坏({where}),未改动;请删除或改名后重试") from None
    if not isinstance(values, dict):
        raise SettingsError(f"设置文件 {path} 的内容不是设置表,未改动;请删除或改名后重试")
    return Settings(path, values)


def _save(settings: Settings) -> None:
    path = settings.path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
            json.dump(settings.values, f, ensure_ascii=False, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        raise SettingsError(f"无法写入设置文件 {path}:{os_error_text(e)},设置未改动") from None


def check_value(name: str, value: str):
    """A value typed for a setting, as stored; refused with the reason."""
    if name not in FIELDS:
        raise SettingsError(f"没有设置项「{name[:20]}」,可设置:{'、'.join(FIELDS)}")
    _, kind, _ = FIELDS[name]
    text = value.strip()
    longest = {"快捷键": MAX_KEYMAP, "印发正文": MAX_BODY, "催办正文": MAX_BODY, "通报正文": MAX_BODY}.get(
        name, MAX_TEXT
    )
    if len(text) > longest or any(ord(c) < 32 for c in text):
        raise SettingsError(f"「{name}」的值过长或含有控制字符")
    if kind is int:
        try:
            number = int(text)
        except ValueError:
            raise SettingsError(f"「{name}」应为整数天数:{text[:20]}") from None
        if not 1 <= number <= 366:
            raise SettingsError(f"「{name}」应在 1 到 366 之间:{number}")
        return number
    if name == "快捷键":
        parse_keymap(text)  # refused here, naming the pair, rather than ignored at start-up
    if name == "导出版式" and text not in EXPORT_LAYOUTS:
        raise SettingsError(f"「{name}」应为{'、'.join(EXPORT_LAYOUTS)}之一:{text[:20]}")
    return text


def export_folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot take exported workbooks (None: it can): missing, not a folder, or
    not writable (tried with a file created and removed at once: permissions alone do not
    tell a read-only disk, and root passes every permission check)."""
    import tempfile

    if not folder.exists():
        return f"{folder} 不存在"
    if not folder.is_dir():
        return f"{folder} 不是文件夹"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".gongkai-tui-probe-"):
            pass
    except OSError as e:
        return f"{folder} 不能写入({os_error_text(e)})"
    return None


def set_value(name: str, value: str | None, path: Path | None = None) -> Settings:
    """Set (or, with None, remove) one setting by its Chinese name; re-reads the file first,
    so that what another window set meanwhile stays."""
    settings = load(path)
    if name not in FIELDS:
        check_value(name, "")
    key = FIELDS[name][0]
    if value is None:
        settings.values.pop(key, None)
    else:
        settings.values[key] = check_value(name, value)
    _save(settings)
    return settings


def set_member(collective: str, member: str | None, path: Path | None = None) -> Settings:
    """Remember (or forget) which member unit of `collective` this person is."""
    settings = load(path)
    members = dict(settings.values.get("members") or {})
    if member is None:
        members.pop(collective, None)
    else:
        members[collective] = member
    settings.values["members"] = members
    _save(settings)
    return settings
