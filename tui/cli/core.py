"""The typer group and command classes behind `gongkai-tui`: help and usage errors in Chinese,
and the options written before the command name (`gongkai-tui --db X done …`) applied to it.

click and typer speak English (`Usage:`, `Show this message and exit.`, `No such option`,
`Missing option '--unit'`) and typer's help boxes name types in English (`<str>`, `<path>`):
help is written here, and every click usage error is turned into one `错误:…` line with the
command's Chinese usage and exit code 2, in the real console script and under CliRunner alike.

DESIGN §5: "An option is honoured wherever it is written, or refused". `--db`, `--doc`,
`--as-of` and `--unit` before the command name apply to the command when it has that option;
written on both sides with different values, or before a command without it, they are refused.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer import _click as click  # typer carries its own copy of click: its classes, not click's
from typer._click import exceptions as errors
from typer._click.core import ParameterSource
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

from ..textwidth import cells

# The options `main` accepts before the command name: parameter name → how it is written.
TOP_LEVEL = {"db": "--db", "doc": "--doc", "as_of": "--as-of", "unit": "--unit"}

HELP_TEXT = "显示本帮助并退出"

# What an argument is called in usage lines and messages (its parameter name is English).
ARGUMENT_NAMES = {
    "source": "文件",
    "item": "条目编号",
    "items": "条目编号…",
    "status": "状态",
    "files": "工作簿…",
    "target": "备份文件",
    "old": "旧数据库",
    "new": "新数据库",
    "name": "设置项",
    "value": "值",
    "ref": "步骤编号",
    "step_text": "步骤",
    "action": "步骤号",
}
ARGUMENT_NAMES_BY_COMMAND = {
    ("restore", "source"): "备份文件",
    ("build-db", "source"): "任务分工文件",
    ("load", "source"): "任务分工文件",
}
# What an option's value is, by parameter name, else by type.
VALUE_NAMES = {
    "unit": "单位",
    "doc": "文号或年度",
    "as_of": "日期",
    "db": "路径",
    "evidence": "网址或路径",
    "out": "文件",
    "port": "端口",
    "role": "角色",
    "status": "状态",
    "reason": "理由",
    "note": "备注",
    "revises": "文号",
    "catalogue": "文件",
}
TYPE_NAMES = {"path": "路径", "str": "文本", "int": "整数", "float": "数字"}


def type_name(param: click.Parameter) -> str:
    """`str`, `path`, `int` …: what typer calls the parameter's type."""
    show = getattr(param, "display_type_rich", None)
    try:
        return (show(ctx=None) or "").strip("<>") if show else ""
    except Exception:  # noqa: BLE001 - only a label for the help
        return ""


def argument_name(command: str | None, param: click.Parameter) -> str:
    name = param.name or ""
    return ARGUMENT_NAMES_BY_COMMAND.get((command or "", name)) or ARGUMENT_NAMES.get(name) or "参数"


def value_name(param: click.Parameter) -> str:
    return VALUE_NAMES.get(param.name or "") or TYPE_NAMES.get(type_name(param), "值")


def option_label(param: click.Parameter) -> str:
    """`--unit` for an option (its long name), the Chinese name for an argument."""
    if isinstance(param, TyperOption):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return argument_name(None, param)


def _is_flag(param: click.Parameter) -> bool:
    return isinstance(param, TyperOption) and bool(param.is_flag)


class ChineseHelp(click.Command):
    """Help text written in Chinese, for both the group and its commands (a mixin written before
    TyperGroup or TyperCommand: every `super()` here reaches theirs)."""

    def get_help_option(self, ctx: click.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def chinese_usage(self, ctx: click.Context) -> str:
        pieces = [ctx.command_path]
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = f"<{argument_name(ctx.info_name, param)}>"
                pieces.append(name if param.required else f"[{name}]")
        pieces.append("[选项]")
        if isinstance(self, TyperGroup):
            pieces.append("命令 [命令的参数和选项]")
        return " ".join(pieces)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lines = [f"用法:{self.chinese_usage(ctx)}", ""]
        text = (getattr(self, "help", None) or "").strip()
        if text:
            lines += [text, ""]
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]
        arguments = [
            (f"<{argument_name(ctx.info_name, p)}>", getattr(p, "help", None) or "")
            for p in params
            if isinstance(p, TyperArgument)
        ]
        options = [(self._option_left(p), self._option_right(p)) for p in params if isinstance(p, TyperOption)]
        for title, rows in (("参数", arguments), ("选项", options)):
            if rows:
                lines.append(f"{title}:")
                lines += _table(rows)
                lines.append("")
        if isinstance(self, TyperGroup) and self.commands:
            command_rows: list[tuple[str, str]] = []
            for name in self.list_commands(ctx):
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    command_rows.append((name, (command.help or "").strip().splitlines()[0] if command.help else ""))
            lines.append("命令:")
            lines += _table(command_rows)
            lines.append("")
            lines.append(f"每个命令的用法:{ctx.command_path} 命令 -h")
        formatter.write("\n".join(lines).rstrip() + "\n")

    @staticmethod
    def _option_left(param: TyperOption) -> str:
        names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
        return names if _is_flag(param) else f"{names} <{value_name(param)}>"

    @staticmethod
    def _option_right(param: TyperOption) -> str:
        text = param.help or ""
        if param.required:
            text += "(必填)"
        default = param.default
        if (
            param.show_default
            and default not in (None, False, "", ())
            and not _is_flag(param)
            and not callable(default)
        ):
            text += f"(默认 {default})"
        return text


def _table(rows: list[tuple[str, str]]) -> list[str]:
    width = min(max(cells(left) for left, _ in rows), 30)
    out = []
    for left, right in rows:
        pad = width - cells(left)
        out.append(f"  {left}{' ' * pad}  {right}" if pad >= 0 else f"  {left}\n  {' ' * width}  {right}")
    return out


class RefusedOption(errors.UsageError):
    """An option refused with a message already in Chinese."""


class ChineseCommand(ChineseHelp, TyperCommand):
    """A subcommand: Chinese help, and the options written before its name applied to it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = top_level_values(ctx)
        mine = {p.name for p in self.params}
        for key in given:
            if key not in mine:
                raise RefusedOption(
                    f"{TOP_LEVEL[key]} 对 {ctx.info_name} 命令无效(写在命令名之前也一样),"
                    f"这个命令没有用到它;请去掉 {TOP_LEVEL[key]}",
                    ctx,
                )
        if given:  # a required --unit written before the command name counts as given
            ctx.default_map = {**(ctx.default_map or {}), **{k: str(v) for k, v in given.items()}}
        rest = super().parse_args(ctx, args)
        for key, before in given.items():
            if ctx.get_parameter_source(key) is ParameterSource.COMMANDLINE and not _same(
                key, before, ctx.params.get(key)
            ):
                raise RefusedOption(
                    f"{TOP_LEVEL[key]} 写了两次而且不一样:命令名之前是「{before}」,"
                    f"之后是「{ctx.params.get(key)}」;请只写一次",
                    ctx,
                )
        return rest


def top_level_values(ctx: click.Context) -> dict[str, Any]:
    """The top-level options given before the command name (None: not given)."""
    parent = ctx.parent
    if parent is None:
        return {}
    return {k: v for k in TOP_LEVEL if (v := parent.params.get(k)) not in (None, "")}


def _same(key: str, a: Any, b: Any) -> bool:
    if b is None:
        return False
    if key == "db":
        return Path(str(a)).expanduser().absolute() == Path(str(b)).expanduser().absolute()
    return str(a).strip() == str(b).strip()


class ChineseGroup(ChineseHelp, TyperGroup):
    """The `gongkai-tui` group: usage errors as one Chinese line and exit code 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
        except errors.ClickException as e:
            click.echo(usage_error_text(e), err=True)
            result = e.exit_code
        except Abort:
            click.echo("已取消。", err=True)
            result = 1
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


class ChineseTyper(typer.Typer):
    """typer.Typer whose commands are ChineseCommand unless a command asks for another class."""

    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any):
        return super().command(*args, cls=cls or ChineseCommand, **kwargs)


def usage_error_text(e: errors.ClickException) -> str:
    """`错误:<what is wrong>` and, for a usage error, the command's usage and where its help is."""
    ctx = getattr(e, "ctx", None)
    lines = [f"错误:{usage_message(e)}"]
    if isinstance(e, errors.UsageError) and ctx is not None:
        command = ctx.command
        usage = command.chinese_usage(ctx) if isinstance(command, ChineseHelp) else ctx.command_path
        lines.append(f"用法:{usage}")
        lines.append(f"帮助:{ctx.command_path} -h")
    return "\n".join(lines)


_NEGATIVE = re.compile(r"-\d+(\.\d+)?")


def usage_message(e: errors.ClickException) -> str:
    """What click said, in Chinese; click's English words never reach the user."""
    ctx = getattr(e, "ctx", None)
    where = f"{ctx.command_path}" if ctx is not None else "gongkai-tui"
    if isinstance(e, RefusedOption):
        return e.message
    if isinstance(e, errors.NoSuchOption):
        if _NEGATIVE.fullmatch(e.option_name):
            return f"「{e.option_name}」是负数,这里不接受负数(以 - 开头的会被当作选项)"
        hint = f";您是不是要写 {'、'.join(e.possibilities)}" if e.possibilities else ""
        return f"{where} 没有选项 {e.option_name}{hint}(可用的选项见 {where} -h)"
    if isinstance(e, errors.MissingParameter):
        param = e.param
        if isinstance(param, TyperOption):
            return f"缺少选项 {option_label(param)}:{param.help or ''}".rstrip(":")
        if param is not None:
            name = argument_name(ctx.info_name if ctx else None, param)
            return f"缺少参数 <{name}>:{getattr(param, 'help', '') or ''}".rstrip(":")
        return "缺少参数"
    if isinstance(e, errors.BadOptionUsage):
        if "does not take a value" in e.message:
            return f"选项 {e.option_name} 不带值"
        if "requires" in e.message:
            return f"选项 {e.option_name} 后面要写一个值"
        return f"选项 {e.option_name} 的写法不对"
    if isinstance(e, errors.BadParameter):
        label = option_label(e.param) if e.param is not None else "参数"
        value = re.search(r"'([^']*)'", e.message or "")
        shown = f":{value.group(1)}" if value else ""
        kind = TYPE_NAMES.get(type_name(e.param), "") if e.param is not None else ""
        return f"{label} 的值无效{shown}" + (f"(应为{kind})" if kind else "")
    if isinstance(e, errors.FileError):
        return f"无法打开文件 {e.ui_filename}"
    message = e.format_message()
    if found := re.match(r"No such command '([^']*)'", message):
        name = found.group(1)
        commands = (
            list(ctx.command.list_commands(ctx)) if ctx is not None and hasattr(ctx.command, "list_commands") else []
        )
        close = difflib.get_close_matches(name, commands)
        hint = f";您是不是要写 {'、'.join(close)}" if close else ""
        return f"没有命令「{name}」{hint}(全部命令见 {where} -h)"
    if found := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        return f"多余的参数:{found.group(1)}"
    if message.startswith("Missing command"):
        return "缺少命令"
    if re.search(r"[A-Za-z]{3,}", message.replace(where, "")):
        return f"命令行写法不对(可用的命令和选项见 {where} -h)"
    return message
