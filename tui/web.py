"""The app in a browser on this computer: `gongkai-tui web` (textual-serve, optional extra).

Only 127.0.0.1 is served. The address carries a random token; the first page takes it from
the query string and leaves it in a cookie, so the page's websocket, scripts and downloads
pass too; anything without it is refused with 403. Neither aiohttp's access log nor
textual-serve's console output is used, so the token is never written to a log.

Each browser tab runs its own app process: `python -m tui.web --unit U --db P [--doc D]`
(the module's `__main__`), which opens the app as `gongkai-tui --unit …` would. Closing the
tab ends that process; Ctrl+C ends the server and every app it started.
"""

from __future__ import annotations

import logging
import os
import secrets
import shlex
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
FIRST_PORT = 8421
PORT_TRIES = 100
TOKEN_PARAM = "token"
COOKIE = "gongkai_token"
TEMPLATES = Path(__file__).resolve().parent / "web_templates"
INSTALL_HINT = "浏览器界面需要可选组件 textual-serve,请先安装:pip install 'gongkai-tui[web]'"


class WebError(Exception):
    """A user error of `gongkai-tui web` (message in Chinese)."""


def available() -> bool:
    """Whether textual-serve is installed (without importing it and aiohttp)."""
    from importlib.util import find_spec

    return find_spec("textual_serve") is not None


# -- ports and addresses --------------------------------------------------------------------

def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(port: int | None) -> int:
    """The port asked for (which must be free), else the first free one from 8421."""
    if port is not None:
        if not 1 <= port <= 65535:
            raise WebError(f"端口号应在 1–65535 之间:{port}")
        if not port_free(port):
            raise WebError(f"端口 {port} 已被占用;换一个端口,或不写 --port 让程序自己找")
        return port
    for candidate in range(FIRST_PORT, FIRST_PORT + PORT_TRIES):
        if port_free(candidate):
            return candidate
    raise WebError(f"从 {FIRST_PORT} 起的 {PORT_TRIES} 个端口都已被占用;请用 --port 指定一个空闲端口")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def address(port: int, token: str) -> str:
    return f"http://{HOST}:{port}/?{TOKEN_PARAM}={token}"


def child_command(unit: str, db: Path, doc: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (it uses a shell)."""
    argv = [sys.executable, "-m", "tui.web", "--unit", unit, "--db", str(db)]
    if doc:
        argv += ["--doc", doc]
    return shell_join(argv)


def shell_join(argv: list[str]) -> str:
    """One command line for the shell textual-serve starts (cmd.exe on Windows, sh elsewhere)."""
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


# -- the token ------------------------------------------------------------------------------

def token_ok(given: str | None, token: str) -> bool:
    return bool(given) and secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


class RedactToken(logging.Filter):
    """Belt and braces: any log line that would carry the token carries *** instead."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "***"), None
        return True


def quiet_logging(token: str) -> None:
    for name in ("aiohttp", "aiohttp.access", "aiohttp.server", "aiohttp.web", "textual-serve"):
        logger = logging.getLogger(name)
        logger.addFilter(RedactToken(token))
        if name == "aiohttp.access":
            logger.disabled = True


@dataclass
class Served:
    port: int
    token: str

    @property
    def url(self) -> str:
        return address(self.port, self.token)


def make_server(command: str, port: int, token: str, title: str = "政务公开任务清单"):
    """A textual-serve Server on 127.0.0.1:port whose every route wants the token."""
    from aiohttp import web
    from textual_serve.server import Server

    origins = {f"http://{HOST}:{port}", f"http://localhost:{port}"}
    hosts = {f"{HOST}:{port}", f"localhost:{port}"}

    def refuse() -> web.Response:
        return web.Response(status=403, text="403 禁止访问:请使用启动时显示的完整地址(带令牌)。",
                            content_type="text/plain", charset="utf-8")

    @web.middleware
    async def require_token(request: web.Request, handler):
        if request.host not in hosts:  # another name pointed at 127.0.0.1 (DNS rebinding)
            return refuse()
        origin = request.headers.get("Origin")
        if origin is not None and origin not in origins:  # another site's page
            return refuse()
        in_query = request.query.get(TOKEN_PARAM)
        if not token_ok(in_query or request.cookies.get(COOKIE), token):
            return refuse()
        response = await handler(request)
        if in_query and request.path == "/" and not response.prepared:
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    class TokenServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(require_token)
            return app

        sessions: set = set()

        async def on_startup(self, app: web.Application) -> None:  # no logo, no address
            pass

        async def handle_websocket(self, request: web.Request):
            """One browser tab's app; remembered so that Ctrl+C can end it (see `end_sessions`)."""
            import asyncio

            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def end_sessions(self) -> None:
            """Cancel every tab's handler: textual-serve then closes its websocket and tells its
            app to quit, and waits for it (aiohttp would wait a minute before doing the same)."""
            import asyncio

            tasks = [t for t in self.sessions if not t.done()]
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=10)

    return TokenServer(command, host=HOST, port=port, title=title,
                       public_url=f"http://{HOST}:{port}", templates_path=TEMPLATES)


def serve(command: str, port: int, token: str, on_ready=None) -> None:
    """Serve until Ctrl+C (or SIGTERM); `on_ready(url)` once the port is listening."""
    import asyncio
    import signal

    from aiohttp import web

    quiet_logging(token)
    server = make_server(command, port, token)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows: KeyboardInterrupt instead
                pass
        runner = web.AppRunner(await server._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, HOST, port)
            try:
                await site.start()
            except OSError as e:
                raise WebError(f"无法在 {HOST}:{port} 上启动:{e.strerror or e}") from None
            if on_ready is not None:
                on_ready(address(port, token))
            await stop.wait()
        finally:
            await server.end_sessions()
            await runner.cleanup()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


# -- the app process of one browser tab -----------------------------------------------------

def child_main(argv: list[str]) -> int:
    """`python -m tui.web --unit U --db P [--doc D]`: the app, driven by textual-serve."""
    import argparse

    from . import launch
    from .console import tolerate_unencodable_output

    tolerate_unencodable_output()
    parser = argparse.ArgumentParser(prog="python -m tui.web")
    parser.add_argument("--unit", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--doc")
    args = parser.parse_args(argv)
    return launch.open_app(args.unit, args.db, None, args.doc)


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
