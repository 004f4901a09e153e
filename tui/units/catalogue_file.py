"""Member catalogues: the text format, where every member came from, and merging two of them.

A catalogue file is UTF-8 text (a BOM is allowed), one name a line, `#` starts a comment:

    # 单位目录
    [镇街]
    卫星湖街道
    朱沱镇
    [部门]
    区档案馆
    [区县] / [地级市] / [县市区]
    …
    [地区]
    永川区            (the place the catalogue is for: aliases such as 永川区财政局)
    [别名]
    卫星湖 = 卫星湖街道

Sections hold the members of the collectives of that class (各镇街 …, 区政府各部门 …, 各区县政府 …,
各地级以上市人民政府 …, 各县(市、区)人民政府 …); [别名] lines are `alias = name` and make the
alias the same unit as the name (see `specs.canonical`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors.family import GongkaiError
from .normalise import half_width, key

MEMBER_SECTIONS = ("区县", "镇街", "地级市", "县市区", "部门")
PLACE_SECTION = "地区"
ALIAS_SECTION = "别名"
SECTIONS = MEMBER_SECTIONS + (PLACE_SECTION, ALIAS_SECTION)


class CatalogueError(GongkaiError, ValueError):
    """A line of a catalogue file that cannot be read; the message is Chinese and names file and line."""

    def __init__(self, line: int, message: str, source: str = ""):
        self.line = line
        self.message = message
        self.source = source
        where = f"{source} 第{line}行" if line else source
        super().__init__(f"{where}:{message}" if where else message)


@dataclass(frozen=True)
class Entry:
    """One name listed under a section ([区县], [镇街], [地级市], [县市区], [部门] or [地区])."""

    section: str
    name: str
    source: str
    line: int


@dataclass(frozen=True)
class Alias:
    alias: str
    name: str
    source: str
    line: int


class MemberCatalogue:
    """Names by section, and aliases, each with its source (file path, or the shipped label)."""

    def __init__(self, entries: tuple[Entry, ...] = (), aliases: tuple[Alias, ...] = ()):
        self.entries = tuple(entries)
        self.aliases = tuple(aliases)
        self._entry = {key(e.name): e for e in self.entries if e.section != PLACE_SECTION}
        self._alias = {key(a.alias): a for a in self.aliases}

    def names(self, section: str) -> list[str]:
        """The names listed under a section, in file order (shipped first after a merge)."""
        return [e.name for e in self.entries if e.section == section]

    def entry(self, name: str) -> Entry | None:
        return self._entry.get(key(name))

    def section_of(self, name: str) -> str | None:
        """The member section a name is listed under (after its catalogue alias), or None."""
        found = self._entry.get(key(name))
        if found is None and (alias := self._alias.get(key(name))) is not None:
            found = self._entry.get(key(alias.name))
        return found.section if found else None

    def alias_target(self, name: str) -> str | None:
        found = self._alias.get(key(name))
        return found.name if found else None

    def place(self, level: str) -> str | None:
        """The place of this level the catalogue is for ([地区]), the last one listed."""
        from .levels import document_level

        places = [e.name for e in self.entries if e.section == PLACE_SECTION and document_level(e.name) == level]
        return places[-1] if places else None

    def __repr__(self) -> str:
        return f"MemberCatalogue({len(self.entries)} entries, {len(self.aliases)} aliases)"


def _strip(line: str) -> str:
    return half_width(line).split("#", 1)[0].strip()


def load_catalogue_text(text: str, source: str) -> MemberCatalogue:
    """Read a catalogue; raises CatalogueError naming `source` and the line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    section: str | None = None
    entries: list[Entry] = []
    aliases: list[Alias] = []
    seen: dict[str, int] = {}  # key(name) → line it was listed on
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip(raw)
        if not line:
            continue
        if line.startswith("["):
            name = line[1:-1].strip() if line.endswith("]") else None
            if name not in SECTIONS:
                known = "、".join(f"[{s}]" for s in SECTIONS)
                raise CatalogueError(number, f"未知的分节「{raw.strip()}」;可用的分节:{known}", source)
            section = name
            continue
        if section is None:
            raise CatalogueError(number, f"「{line}」写在了任何分节之前;请先写分节名,如 [镇街]", source)
        if section == ALIAS_SECTION:
            if "=" not in line:
                raise CatalogueError(number, f"别名行「{line}」缺少「=」;应写成「别名 = 单位全称」", source)
            alias, _, name = (part.strip() for part in line.partition("="))
            if not alias or not name or "=" in name:
                raise CatalogueError(number, f"别名行「{line}」应写成「别名 = 单位全称」", source)
            if key(alias) == key(name):
                raise CatalogueError(number, f"别名「{alias}」与单位同名", source)
            if key(alias) in seen:
                raise CatalogueError(number, f"「{alias}」已在第{seen[key(alias)]}行写过", source)
            seen[key(alias)] = number
            aliases.append(Alias(alias, name, source, number))
            continue
        if "=" in line:
            raise CatalogueError(number, f"[{section}] 下的「{line}」含有「=」;别名请写在 [别名] 下", source)
        if key(line) in seen:
            raise CatalogueError(number, f"「{line}」已在第{seen[key(line)]}行列出", source)
        seen[key(line)] = number
        entries.append(Entry(section, line, source, number))
    return MemberCatalogue(tuple(entries), tuple(aliases))


def load_catalogue_file(path: Path) -> MemberCatalogue:
    """Read a catalogue file (UTF-8, BOM allowed); the source recorded is the path."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogueError(line, "不是 UTF-8 编码的文本;请在编辑器中另存为 UTF-8", str(path)) from None
    return load_catalogue_text(text, str(path))


def merge(shipped: MemberCatalogue, user: MemberCatalogue | None) -> MemberCatalogue:
    """The shipped catalogue with the user's added after it.

    A name the shipped catalogue already lists in the same section is kept once (with the shipped
    source); listed in another section, or an alias that points elsewhere, is a CatalogueError
    naming the user's line. A user's [地区] of a level replaces the shipped one of that level.
    """
    if user is None:
        return shipped
    entries = list(shipped.entries)
    aliases = list(shipped.aliases)
    for e in user.entries:
        if e.section == PLACE_SECTION:
            entries.append(e)
            continue
        have = shipped.entry(e.name)
        if have is not None:
            if have.section != e.section:
                raise CatalogueError(
                    e.line, f"「{e.name}」在{have.source}中属于 [{have.section}],这里又写在 [{e.section}] 下", e.source
                )
            continue
        if (a := shipped._alias.get(key(e.name))) is not None:
            raise CatalogueError(e.line, f"「{e.name}」在{a.source}中是「{a.name}」的别名", e.source)
        entries.append(e)
    for a in user.aliases:
        have_alias = shipped._alias.get(key(a.alias))
        if have_alias is not None:
            if key(have_alias.name) != key(a.name):
                raise CatalogueError(
                    a.line,
                    f"别名「{a.alias}」在{have_alias.source}中指「{have_alias.name}」,这里又指「{a.name}」",
                    a.source,
                )
            continue
        if (named := shipped.entry(a.alias)) is not None:
            raise CatalogueError(a.line, f"「{a.alias}」在{named.source}中是单位名,不能再作别名", a.source)
        aliases.append(a)
    return MemberCatalogue(tuple(entries), tuple(aliases))


def describe_members(members: MemberCatalogue) -> list[tuple[str, str, str]]:
    """(collective class, member, source) for everything in force, for `units --members`.

    The class is the section name ([区县] → 区县 …); aliases show as `别名, 石柱县 = 石柱土家族自治县`.
    """
    rows = [(e.section, e.name, e.source) for e in members.entries if e.section in MEMBER_SECTIONS]
    rows += [(e.section, e.name, e.source) for e in members.entries if e.section == PLACE_SECTION]
    rows += [(ALIAS_SECTION, f"{a.alias} = {a.name}", a.source) for a in members.aliases]
    return rows
