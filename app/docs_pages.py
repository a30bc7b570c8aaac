"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), served without the internet.

FastAPI's default pages load Swagger UI and ReDoc from a CDN (and ReDoc its fonts from Google),
so on an offline machine, or behind a firewall, both were blank, and the explorer links to them.
Here the same pages load the copies vendored in ``app/static/vendor`` (``npm run vendor``, pinned
by package-lock.json) from this server, and no font from anywhere. ReDoc's bundle still shows a
"by Redocly" logo from its CDN; a Content-Security-Policy keeps images, fonts and fetches on
this server (``OFFLINE_POLICY``), so the browser never asks and the logo hides itself.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

#: Where the vendored assets are served (the static mount of ``create_app``).
VENDOR = "/vendor"

#: Images, fonts and fetches from this server only (data: and blob: URLs are local too).
OFFLINE_POLICY = "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'"

router = APIRouter(include_in_schema=False)


def _offline(page: HTMLResponse) -> HTMLResponse:
    """The page with ``OFFLINE_POLICY`` as its Content-Security-Policy header."""
    page.headers["Content-Security-Policy"] = OFFLINE_POLICY
    return page


def _title(request: Request) -> str:
    return f"{request.app.title} API"


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored bundle."""
    return _offline(get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=_title(request),
        swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR}/favicon-32x32.png",
    ))


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc from the vendored standalone bundle, with the system fonts."""
    return _offline(get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=_title(request),
        redoc_js_url=f"{VENDOR}/redoc.standalone.js",
        redoc_favicon_url=f"{VENDOR}/favicon-32x32.png",
        with_google_fonts=False,
    ))
