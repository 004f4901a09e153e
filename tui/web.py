"""The app in a browser on this computer: `gongkai-tui web` (textual-serve, optional extra).

Only 127.0.0.1 is served, and every request must show it comes from the browser this command
opened: how (one-time codes, a launcher file, a per-port cookie, a session key per tab) and
why is written in `tui/web_access.py`. Neither aiohttp's access log nor textual-serve's console
output is used, so no request line is written anywhere.

Each browser tab runs its own app process: `python -m tui.web --unit U --db P [--doc D]`
(the module's `__main__`), which opens the app as `gongkai-tui --unit …` would; its arguments
hold no secret. Closing the tab ends that process; Ctrl+C ends the server and every app it
started: an app that does not quit when told (a tab closed while its app was still starting
is one) ends when the server's folder of tabs goes (`--while-folder`, `watch_server`), so no app
process outlives its server holding the database.
"""

from __future__ import annotations

import logging
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from .errors.family import GongkaiError
from .web_access import CODE_PARAM, CODE_SECONDS, CODE_REFUSED, HOST, REFUSED, Access, refusal_page

FIRST_PORT = 8421
PORT_TRIES = 100
TITLE = "政务公开任务清单"
SESSION_KEY = "gongkai_session_key"  # request keys: the key a code was just redeemed for,
PROTOCOL = "gongkai_protocol"  # and the subprotocol a websocket was opened with
TEMPLATES = Path(__file__).resolve().parent / "web_templates"
QUIT_WAIT = 5.0  # seconds Ctrl+C waits for the tabs' apps to quit before removing their folder
WATCH_INTERVAL = 0.5  # how often a tab's app looks whether its server's folder is still there
CHILD_GRACE = 3.0  # seconds an app told to end (SIGTERM) has before it is ended
INSTALL_HINT = "浏览器界面需要可选组件 textual-serve,请先安装:pip install 'gongkai-tui[web]'"


class WebError(GongkaiError):
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


def tab_title(unit: str) -> str:
    """The browser tab's title: the unit first, as the tab strip cuts from the right."""
    return f"{unit} — {TITLE}"


def child_command(unit: str, db: Path, doc: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (it uses a shell)."""
    argv = [sys.executable, "-m", "tui.web", "--unit", unit, "--db", str(db)]
    if doc:
        argv += ["--doc", doc]
    return shell_join(argv)


def shell_join(argv: list[str]) -> str:
    """One command line for the shell textual-serve starts (cmd.exe on Windows, sh elsewhere)."""
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


# -- the server ----------------------------------------------------------------------------


def quiet_logging() -> None:
    """No request line in any log: aiohttp's access log off (its server loggers stay, they
    carry no request data)."""
    logging.getLogger("aiohttp.access").disabled = True


def make_server(command: str, access: Access, title: str = TITLE):
    """A textual-serve Server on 127.0.0.1 whose every route wants our browser (see web_access)."""
    import aiohttp_jinja2
    from aiohttp import hdrs, web
    from multidict import CIMultiDict
    from textual_serve.server import Server

    port = access.port
    origins = {f"http://{HOST}:{port}", f"http://localhost:{port}"}
    hosts = {f"{HOST}:{port}", f"localhost:{port}"}

    def refuse(message: str = REFUSED) -> web.Response:
        return web.Response(
            status=403,
            text=refusal_page(message),
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    @web.middleware
    async def require_access(request: web.Request, handler):
        if request.host not in hosts:  # another name pointed at 127.0.0.1 (DNS rebinding)
            return refuse()
        origin = request.headers.get("Origin")
        if origin is not None and origin not in origins:  # another site's page, or another port's
            return refuse()
        route = request.match_info.route.name  # as routed (a path spelled otherwise is the same route)
        code = request.query.get(CODE_PARAM)
        if code is not None and route == "index":
            key = access.redeem(code)
            if key is None:
                return refuse(CODE_REFUSED.format(minutes=CODE_SECONDS // 60))
            request[SESSION_KEY] = key
        elif not access.cookie_ok(request.cookies.get(access.cookie_name)):
            return refuse()
        elif route == "websocket":  # the app itself: the tab's session key, not the cookie
            protocol = access.protocol_ok(request.headers.get(hdrs.SEC_WEBSOCKET_PROTOCOL))
            if protocol is None:
                return refuse()
            request[PROTOCOL] = protocol  # answered by `answer_protocol`
            headers = CIMultiDict(request.headers)
            del headers[hdrs.SEC_WEBSOCKET_PROTOCOL]  # textual-serve's handshake must not see (or log) it
            request = request.clone(headers=headers)
        response = await handler(request)
        if SESSION_KEY in request and not response.prepared:
            response.set_cookie(access.cookie_name, access.cookie_value, httponly=True, samesite="Strict", path="/")
        return response

    async def answer_protocol(request: web.Request, response: web.StreamResponse) -> None:
        """Headers of every response; a websocket answers with the subprotocol it was opened with
        (a browser drops a connection whose offered subprotocol is not echoed)."""
        if PROTOCOL in request and isinstance(response, web.WebSocketResponse):
            response.headers[hdrs.SEC_WEBSOCKET_PROTOCOL] = request[PROTOCOL]
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")  # no handle on our tab

    class GuardedServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(require_access)
            app.on_response_prepare.append(answer_protocol)
            return app

        sessions: set = set()

        async def on_startup(self, app: web.Application) -> None:  # no logo, no address
            pass

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request):
            """textual-serve's page, plus the session key when a code was just redeemed."""
            # aiohttp_jinja2.template wraps with functools.wraps; its types do not say __wrapped__
            context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
            context["session_key"] = request.get(SESSION_KEY, "")
            return context

        async def handle_websocket(self, request: web.Request):
            """One browser tab's app; remembered so that Ctrl+C can end it (see `end_sessions`)."""
            import asyncio

            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def end_sessions(self, tabs: Path) -> None:
            """Cancel every tab's handler: textual-serve then closes its websocket and tells its
            app to quit, and waits for it (aiohttp would wait a minute before doing the same).
            Apps still running after QUIT_WAIT are told to end by the folder `tabs` going."""
            import asyncio
            import shutil

            tasks = [t for t in self.sessions if not t.done()]
            for task in tasks:
                task.cancel()
            if tasks:
                _done, pending = await asyncio.wait(tasks, timeout=QUIT_WAIT)
                if pending:
                    shutil.rmtree(tabs, ignore_errors=True)
                    await asyncio.wait(pending, timeout=WATCH_INTERVAL + CHILD_GRACE + QUIT_WAIT)

    return GuardedServer(
        command, host=HOST, port=port, title=title, public_url=f"http://{HOST}:{port}", templates_path=TEMPLATES
    )


def serve(command: str, port: int, title: str = TITLE, on_ready=None) -> None:
    """Serve until Ctrl+C (or SIGTERM); `on_ready(access)` once the port is listening, to hand
    out one-time addresses. Every code, key and launcher file ends with the server."""
    import asyncio
    import signal

    from aiohttp import web

    import shutil
    import tempfile

    quiet_logging()
    access = Access(port)
    tabs = Path(tempfile.mkdtemp(prefix="gongkai-web-tabs-"))  # while it exists, the tabs' apps run
    server = make_server(command + " " + shell_join(["--while-folder", str(tabs)]), access, title)

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
                on_ready(access)
            await stop.wait()
        finally:
            await server.end_sessions(tabs)
            await runner.cleanup()
            # The ended apps' subprocess transports, finalised while the loop still runs: after
            # asyncio.run closes it, their __del__ prints a traceback ("Event loop is closed").
            import gc

            gc.collect()
            await asyncio.sleep(0)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        access.close()
        shutil.rmtree(tabs, ignore_errors=True)


# -- the app process of one browser tab -----------------------------------------------------


def child_main(argv: list[str]) -> int:
    """`python -m tui.web --unit U --db P [--doc D]`: the app, driven by textual-serve."""
    import argparse

    from .console import tolerate_unencodable_output
    from .start_app import open_app

    tolerate_unencodable_output()
    parser = argparse.ArgumentParser(prog="python -m tui.web")
    parser.add_argument("--unit", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--doc")
    parser.add_argument("--while-folder")
    args = parser.parse_args(argv)
    if args.while_folder:
        watch_server(Path(args.while_folder))
    return open_app(args.unit, args.db, None, args.doc)


def watch_server(folder: Path) -> None:
    """End this app once `folder` (the server's folder of tabs) is gone: the server has ended,
    or gave up waiting for this app to quit. (An app whose server was killed ends when it
    next writes to the closed pipe.) Told as a terminal would tell it (SIGTERM: the app quits
    as on Ctrl+Q), then ended after CHILD_GRACE seconds. Every write is its own transaction,
    so ending here loses nothing saved."""
    import signal
    import threading
    import time

    def watch() -> None:
        while folder.is_dir():
            time.sleep(WATCH_INTERVAL)
        if os.name != "nt":
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(CHILD_GRACE)
        os._exit(3)

    threading.Thread(target=watch, name="watch-server", daemon=True).start()


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
