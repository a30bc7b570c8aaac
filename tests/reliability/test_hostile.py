"""Hostile requests against every endpoint, on both stores: normal answers or 422, never 500.

The endpoints and their text parameters are read from the app's OpenAPI document, so a new
endpoint or parameter is covered without touching this file. Into every text parameter
(path and query, enums included) go Cypher-injection strings, control characters, 10,000-
character values, Unicode edge cases and bytes that are not UTF-8 at all; every other required
parameter gets its documented example. Each answer must be

- 200 and valid against the OpenAPI document, or 404 / 422 in the one error shape (control
  characters and over-long values exactly 422 naming the parameter);
- never 500, never a traceback;

and afterwards the graph is exactly what it was (no endpoint mutates it), and every method but
GET is 405 on every path. ``tests/api/test_fuzz.py`` adds generated requests (schemathesis) on
the embedded store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.main import create_app
from graph.settings import Settings
from graph.store import PlanStore
from tests.support.api_clients import assert_error

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

INJECTION = (
    "' OR 1=1 //",
    '" OR "1"="1',
    "x'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "海洋'}) DETACH DELETE n RETURN 1 //",
    "*/ MATCH (n) DELETE n /*",
    "$x",
    "$id",
    "$rows",
    "`Task`",
    "`",
    "``) MATCH (n) DETACH DELETE n //",
    "{{LABEL}}",
    "{{TYPE}}",
    "CALL db.labels()",
    "UNWIND range(1,100000000) AS x RETURN count(x)",
    "\\",
    "\\'",
    "%",
    "%25",
    "_",
    ".*",
    "(?i).*",
    "\"; DROP TABLE nodes; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "ind-8814c82146f1' OR '1'='1",
)
CONTROL = ("\x00", "\x01", "\x07", "\t", "\n", "\r\n", "\x1b[31m", "\x7f", "\x85", "\x9f")
#: 10,000 characters (Han ones only 7,000: percent-encoded they would pass httpx's 64 KiB URL limit).
LONG = ("a" * 10_000, "' OR 1=1 //" * 1_000, "海" * 7_000, "海" * 201)
UNICODE = (
    "",
    " ",
    "\u3000",  # ideographic space
    "海洋\u3000城市",
    "🙂",
    "👨\u200d👩\u200d👧",  # a ZWJ sequence
    "\u200b",  # zero-width space
    "\u202e海洋",  # right-to-left override
    "\ufeff海洋",  # a byte-order mark
    "e\u0301",  # a combining accent
    "\uffff",
    "\U0010fffd",
    "ＡＢＣ",  # full-width Latin
    "İ",  # lower-cases to two code points in Python
    "ß",
    "ﬀ",
    "\u2028",
    "海" * 200,  # exactly the limit
    "𠀀𪚥",  # beyond the BMP (UTF-16 surrogate pairs in Java)
)
#: Percent-encoded bytes that do not decode as UTF-8 (a lone surrogate, stray bytes, a cut sequence).
RAW = ("%ED%A0%80", "%FF%FE", "%C3", "%E6%B5", "%C0%AF", "%00", "%2F", "%2e%2e")

CATEGORIES: dict[str, tuple[str, ...]] = {
    "injection": INJECTION,
    "control": CONTROL,
    "long": LONG,
    "unicode": UNICODE,
    "raw": RAW,
}
#: Categories every text parameter must refuse with 422 naming it.
REFUSED = frozenset({"control", "long"})
MUTATING = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Parameter:
    path: str  # the OpenAPI path template
    name: str
    location: str  # "path" or "query"
    enum: tuple[str, ...]


def openapi_parameters(document: dict[str, Any]) -> tuple[list[str], list[Parameter], dict[str, dict[str, str]]]:
    """(every path, every text parameter, a valid value for each required parameter by path)."""
    paths: list[str] = []
    texts: list[Parameter] = []
    required: dict[str, dict[str, str]] = {}
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, f"{path} has {sorted(operations)}: the API only answers GET"
        paths.append(path)
        required[path] = {}
        for parameter in operations["get"].get("parameters", []):
            schema = parameter["schema"]
            types = {schema.get("type")} | {option.get("type") for option in schema.get("anyOf", [])}
            if parameter.get("required"):
                example = (schema.get("examples") or parameter.get("examples") or ["海洋"])
                required[path][parameter["name"]] = str(example[0] if isinstance(example, list) else example)
            if "string" in types:
                enum = tuple(schema.get("enum", ()))
                texts.append(Parameter(path, parameter["name"], parameter["in"], enum))
    return paths, texts, required


def url_for(path: str, values: dict[str, str], location: dict[str, str], raw: dict[str, str]) -> str:
    """``path`` with its path parameters filled and the rest as a query; ``raw`` values go as is."""

    def encoded(name: str) -> str:
        return raw[name] if name in raw else quote(values[name], safe="")

    url = path
    query = []
    for name in values.keys() | raw.keys():
        if location.get(name, "query") == "path":
            url = url.replace("{" + name + "}", encoded(name))
        else:
            query.append(f"{name}={encoded(name)}")
    return url + ("?" + "&".join(sorted(query)) if query else "")


@dataclass
class Api:
    app: FastAPI
    client: TestClient
    store: PlanStore
    schema: Any
    paths: list[str]
    texts: list[Parameter]
    required: dict[str, dict[str, str]]
    locations: dict[str, dict[str, str]]

    def get_all(self, urls: list[str]) -> list[httpx.Response]:
        """GET every URL, one after another, on the event loop the app's lifespan ran on.

        Through ``httpx.ASGITransport`` inside the TestClient's portal: a quarter of the cost of
        ``TestClient.get`` per request, which matters for a few thousand requests.
        """

        async def fetch() -> list[httpx.Response]:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return [await client.get(url) for url in urls]

        portal = self.client.portal
        assert portal is not None, "the TestClient must be entered (its lifespan running)"
        return portal.call(fetch)


@pytest.fixture
def api(seed_store: PlanStore) -> Iterator[Api]:
    """The app over the seed graph, on each store (``seed_store`` is parametrised over both)."""
    app = create_app(Settings(), seed_store)
    document = app.openapi()
    paths, texts, required = openapi_parameters(document)
    locations = {
        path: {p["name"]: p["in"] for p in ops["get"].get("parameters", [])}
        for path, ops in document["paths"].items()
    }
    schema = schemathesis.openapi.from_dict(document)
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        yield Api(app, client, seed_store, schema, paths, texts, required, locations)


def test_the_parameter_list_comes_from_the_openapi_document(api: Api) -> None:
    names = {(p.path, p.name) for p in api.texts}
    assert len(api.paths) >= 20 and len(api.texts) >= 30
    assert {("/search", "q"), ("/graph", "focus"), ("/nodes/{node_id}", "node_id"), ("/tasks", "positioning")} <= names


def test_hostile_values_in_every_text_parameter(api: Api) -> None:
    before = api.store.export_graph()
    before_counts = api.store.counts()
    cases: list[tuple[str, Parameter, str, str]] = []
    for category, hostile in CATEGORIES.items():
        for parameter in api.texts:
            for value in hostile:
                values = dict(api.required[parameter.path])
                raw: dict[str, str] = {}
                if category == "raw":
                    values.pop(parameter.name, None)
                    raw[parameter.name] = value
                else:
                    values[parameter.name] = value
                url = url_for(parameter.path, values, api.locations[parameter.path], raw)
                cases.append((category, parameter, value, url))
    assert len(cases) > 1000
    problems: list[str] = []
    for (category, parameter, value, url), response in zip(cases, api.get_all([url for *_, url in cases])):
        try:
            check_answer(api, parameter, category, value, response)
        except AssertionError as error:
            problems.append(f"{category} {url[:120]!r}: {str(error)[:300]}")
    assert not problems, f"{len(problems)} of {len(cases)} requests misbehaved:\n" + "\n".join(problems[:20])
    assert api.store.export_graph() == before  # nothing was written, deleted or changed
    assert api.store.counts() == before_counts


def check_answer(api: Api, parameter: Parameter, category: str, value: str, response: httpx.Response) -> None:
    assert response.status_code != 500, response.text[:300]
    if parameter.location == "path" and ("/" in value or value.upper() == "%2F"):
        assert_error(response, 404, "not_found")  # no route matches: the router's plain 404
        return
    if category in REFUSED:
        error = assert_error(response, 422, "invalid_parameter")
        assert error["detail"][0]["parameter"] == parameter.name, error
        return
    if parameter.enum and value not in parameter.enum:
        assert_error(response, 422, "invalid_parameter")
        return
    assert response.status_code in (200, 404, 422), response.text[:300]
    if response.status_code == 200:
        operation = api.schema[parameter.path]["GET"]
        operation.validate_response(response)
    else:
        assert_error(response, response.status_code)


def test_every_method_but_get_is_405_on_every_path(api: Api) -> None:
    before = api.store.export_graph()
    for path in api.paths:
        url = url_for(path, api.required[path], api.locations[path], {})
        assert api.client.get(url).status_code < 500, url
        for method in MUTATING:
            response = api.client.request(method, url, json={"query": "MATCH (n) DETACH DELETE n"})
            assert_error(response, 405, "method_not_allowed")
    assert api.store.export_graph() == before
