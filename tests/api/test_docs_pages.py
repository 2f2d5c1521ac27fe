"""The docs pages load only the vendored, pinned assets the app serves, so they render offline; GraphiQL says how to
pass a token. With Debian's `chromium` installed, each page is also rendered headless and screenshotted (the files
land in `.sla-test/screenshots/` to look at)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from api.openapi import STATIC
from api.settings import Settings

PAGES = ["/schema", "/schema/swagger", "/graphql"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".sla-test" / "screenshots"


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)=["\']([^"\']+)["\']', html)


@pytest.mark.parametrize("page", PAGES)
async def test_each_docs_page_loads_only_local_assets(client, page):
    response = await client.get(page, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    urls = _asset_urls(response.text)
    assert urls, "the page loads its scripts and styles"
    for url in urls:
        assert url.startswith("/schema/assets/"), f"{page} loads {url} from outside the app"
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert asset.content == (STATIC / url.removeprefix("/schema/assets/")).read_bytes()
    assert "unpkg.com" not in response.text and "jsdelivr" not in response.text


async def test_swagger_embeds_the_completed_document(client):
    page = (await client.get("/schema")).text
    assert '"operationId":"approveVersion"' in page
    assert "/schema/redoc" not in page


async def test_graphiql_opens_on_a_headers_editor_with_the_authorization_header(client):
    page = (await client.get("/graphql", headers={"Accept": "text/html"})).text
    assert 'defaultEditorToolsVisibility: "headers"' in page
    assert "Authorization" in page and "Bearer" in page
    assert "sla token --operator" in page


def _free_port() -> int:
    for port in range(18420, 18440):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 18420-18439")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_headless_chromium_renders_each_page_offline():
    # The pages need no database: a well-formed URL is enough to build the app.
    app = create_app(Settings(environment="development", database_url="postgresql://docs@127.0.0.1:1/unused"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for page in PAGES:
            target = SCREENSHOTS / (page.strip("/").replace("/", "-") + ".png")
            target.unlink(missing_ok=True)
            dom = subprocess.run(
                [
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    # Offline: any request to another host fails, so a page that still needs a CDN renders blank.
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--virtual-time-budget=8000",
                    "--window-size=1280,900",
                    f"--screenshot={target}",
                    "--dump-dom",
                    f"http://127.0.0.1:{port}{page}",
                ],
                capture_output=True,
                text=True,
                timeout=120,
            ).stdout
            assert target.stat().st_size > 10_000, page
            if page == "/graphql":
                assert "graphiql-container" in dom
            else:
                assert "swagger-ui" in dom and "Approve a proposed version" in dom
    finally:
        server.should_exit = True
        thread.join(timeout=10)
