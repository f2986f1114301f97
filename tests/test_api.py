"""The HTTP API on a store of the shipped example articles (and of ../shared/seeds): filters, pages, errors,
corrections behind a token, the OpenAPI schema, and `marsad serve`."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from fastapi.testclient import TestClient

from marsad import service
from marsad.api import create_app
from marsad.errors import MarsadError
from marsad.store import Store
from tests.conftest import need_shared

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('api')}/examples.db"
    service.demo(Store(url))
    return url


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


def _get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text)
    return r.json()


def _error(client, url, status=422):
    body = _get(client, url, status)
    assert set(body) == {"error"} and "\n" not in body["error"]
    return body["error"]


def test_documents_are_paged_newest_first(client):
    page = _get(client, "/api/documents?limit=2")
    assert page["total"] == 5 and page["limit"] == 2 and len(page["items"]) == 2
    rest = _get(client, "/api/documents?limit=2&offset=2")["items"] + _get(client, "/api/documents?limit=2&offset=4")["items"]
    dates = [d["published"] for d in page["items"] + rest]
    assert dates == sorted(dates, reverse=True) and len({d["id"] for d in page["items"] + rest}) == 5
    assert _get(client, "/api/documents?since=2024-01-01")["total"] == 3


def test_one_document_has_its_text_entities_events_and_quotes(client):
    doc = _get(client, "/api/documents/01_amman_baghdad")
    assert doc["schema"] == "marsad.document/1" and doc["story"]
    assert {e["name"] for e in doc["entities"]} >= {"أيمن الصفدي", "فؤاد حسين"}
    assert doc["events"] and doc["quotes"] and doc["text"].startswith("وزيرا خارجية")
    assert set(doc["event_ids"]) == {e["id"] for e in doc["events"]}
    safadi = next(e for e in doc["entities"] if e["name"] == "أيمن الصفدي")
    assert safadi["kb_id"]
    assert "no such document" in _error(client, "/api/documents/nothing-here", 404)


def test_events_filters(client):
    all_events = _get(client, "/api/events?limit=200")
    assert all_events["total"] == len(all_events["items"]) >= 8
    consult = _get(client, "/api/events?type=consult")["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    pair = _get(client, "/api/events?country=JO&country=IQ")["items"]
    assert pair and all({"JO", "IQ"} <= {p["country"] for p in e["participants"]} for e in pair)
    visits = _get(client, "/api/events?mode=visit")["items"]
    assert visits and all(e["mode"] == "visit" for e in visits)
    offered = _get(client, "/api/events?modality=offered")["items"]
    assert offered and all(e["modality"] == "offered" for e in offered)
    assert len(offered) < all_events["total"]
    affirmed = _get(client, "/api/events?negated=false")["total"]
    assert affirmed + _get(client, "/api/events?negated=true")["total"] == all_events["total"]
    dated = _get(client, "/api/events?since=2024-01-01&until=2024-12-31")["items"]
    assert dated and all("2024-01-01" <= e["date"] <= "2024-12-31" for e in dated)
    border = _get(client, "/api/events?context=border_security")["items"]
    assert border and all("border_security" in e["contexts"] for e in border)
    one_doc = _get(client, "/api/events?doc=03_tunis_algiers")["items"]
    assert one_doc and {e["doc"] for e in one_doc} == {"03_tunis_algiers"}
    text_hit = _get(client, "/api/events?q=الحوثى")["items"]
    assert text_hit and {e["doc"] for e in text_hit} == {"02_sanaa_strikes"}


def test_event_pages_do_not_overlap(client):
    first = _get(client, "/api/events?limit=3")["items"]
    second = _get(client, "/api/events?limit=3&offset=3")["items"]
    assert len(first) == 3 and not {e["id"] for e in first} & {e["id"] for e in second}


def test_an_actors_events_are_its_own(client):
    """Every example article calls its first person p1: the actor filter must use the actor, not the local id."""
    actors = _get(client, "/api/actors?limit=200")["items"]
    safadi = next(a for a in actors if a["name"] == "أيمن الصفدي")
    events = _get(client, f"/api/events?actor={safadi['kb_id']}")["items"]
    assert events and all(any(p["kb_id"] == safadi["kb_id"] for p in e["participants"]) for e in events)
    assert {e["doc"] for e in events} == {"01_amman_baghdad"}
    one = _get(client, f"/api/actors/{safadi['kb_id']}")
    assert one["event_count"] == len(events) and {e["doc"] for e in one["events"]} == {"01_amman_baghdad"}
    assert one["roles"][0]["title"].startswith("وزير الخارجية") and one["roles"][0]["first_seen"] == "2024-03-14"
    names = {c["name"] for c in one["counterparts"]}
    assert "فؤاد حسين" in names and "أيمن الصفدي" not in names
    assert _get(client, "/api/actors/الصفدى")["kb_id"] == safadi["kb_id"]  # a name in another spelling
    assert "no such actor" in _error(client, "/api/actors/a9999999", 404)


def test_actors_are_paged_with_a_total(client):
    page = _get(client, "/api/actors?limit=2")
    assert page["total"] >= 6 and len(page["items"]) == 2
    assert _get(client, "/api/actors?country=TN")["items"][0]["country"] == "TN"


def test_stories_and_timeline(client):
    stories = _get(client, "/api/stories")
    assert stories["total"] == 5
    sid = next(s["story"] for s in stories["items"] if s["documents"][0]["id"] == "01_amman_baghdad")
    story = _get(client, f"/api/stories/{sid}")
    assert [d["id"] for d in story["documents"]] == ["01_amman_baghdad"] and story["canonical_events"]
    assert all(c["sources"] == ["01_amman_baghdad"] for c in story["canonical_events"])
    timeline = _get(client, "/api/timeline?a=JO&b=IQ")
    assert timeline["total"] >= 1
    for row in timeline["items"]:
        assert {"JO", "IQ"} <= set(row["countries"]) and row["events"][0]["doc"] == "01_amman_baghdad"
    assert _get(client, "/api/timeline?a=JO&b=IQ&since=2025-01-01")["total"] == 0
    event = _get(client, f"/api/events/{_get(client, '/api/events?country=JO&country=IQ')['items'][0]['id']}")
    assert event["canonical"] and event["canonical"]["sources"] == ["01_amman_baghdad"]


def test_search_endpoint(client):
    page = _get(client, "/api/search?q=بوريطه")
    assert page["total"] == 1 and page["items"][0]["doc"] == "04_rabat_denial"
    hit = page["items"][0]
    assert any("بوريطة" in hit["text"][a:b] for a, b in hit["highlights"])


@pytest.mark.parametrize("url, words", [
    ("/api/events?since=2021-02-30", "since: no such date: 2021-02-30"),
    ("/api/events?until=21-02-03", "until: not a YYYY-MM-DD date"),
    ("/api/events?since=2024-02-01&until=2024-01-01", "after until"),
    ("/api/events?limit=201", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/documents?offset=-1", "offset"),
    ("/api/events?type=MEET", "type: unknown value 'MEET'; valid: AGREE, CONSULT"),
    ("/api/events?country=XX", "country: unknown value 'XX'"),
    ("/api/events?modality=likely", "modality"),
    ("/api/events?context=weather", "context"),
    ("/api/events?mode=DROP%20TABLE", "mode"),
    ("/api/events?negated=perhaps", "negated"),
    ("/api/events?q=" + "ب" * 201, "q: String should have at most 200 characters"),
    ("/api/search?q=" + "ب" * 201, "q:"),
    ("/api/search?q=%D8%8C%20%D8%8C", "q: empty query"),
    ("/api/search", "q: Field required"),
    ("/api/timeline?a=EG&b=QQ", "b: unknown value 'QQ'"),
    ("/api/actors?limit=1000", "limit"),
    ("/api/events/0", "event_id"),
])
def test_bad_parameters_are_refused_with_one_line(client, url, words):
    assert words in _error(client, url)


def test_unknown_paths_are_json_errors(client):
    assert "not found" in _error(client, "/api/nowhere", 404)


def test_corrections_need_a_configured_token(db):
    with TestClient(create_app(db)) as open_client:
        r = open_client.post("/api/actors/merge", json={"keep": "a0000001", "other": "a0000002"})
        assert r.status_code == 403 and "--token" in r.json()["error"]
        r = open_client.post("/api/actors/a0000001/split", json={"documents": ["x"]})
        assert r.status_code == 403


def test_corrections_with_the_token(client):
    actors = {a["name"]: a["kb_id"] for a in _get(client, "/api/actors?limit=200")["items"]}
    keep, other = actors["كمال الفقي"], actors["إبراهيم مراد"]
    body = {"keep": keep, "other": other}
    assert client.post("/api/actors/merge", json=body).status_code == 401
    assert client.post("/api/actors/merge", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/actors/merge", json=body, headers=auth)
    assert r.status_code == 200 and r.json()["message"] == f"merged {other} into {keep}"
    assert other not in {a["kb_id"] for a in _get(client, "/api/actors?limit=200")["items"]}
    assert _get(client, f"/api/actors/{other}")["kb_id"] == keep  # the old id follows the merge
    r = client.post("/api/actors/merge", json={"keep": keep, "other": "a7777777"}, headers=auth)
    assert r.status_code == 422 and "no such actor" in r.json()["error"]
    r = client.post("/api/actors/merge", json={"keep": keep}, headers=auth)
    assert r.status_code == 422 and "other" in r.json()["error"]
    r = client.post(f"/api/actors/{keep}/split", json={"documents": ["nothing"]}, headers=auth)
    assert r.status_code == 422 and "nothing to split" in r.json()["error"]


def test_the_openapi_schema_lists_the_endpoints(client):
    paths = _get(client, "/openapi.json")["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/events/{event_id}", "/api/actors",
              "/api/actors/{ref}", "/api/actors/merge", "/api/actors/{kb_id}/split", "/api/stories",
              "/api/stories/{story_id}", "/api/timeline", "/api/search"):
        assert p in paths, p
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert names >= {"type", "mode", "actor", "country", "context", "modality", "negated", "since", "until", "story",
                     "q", "limit", "offset"}


def test_a_missing_store_is_one_line(tmp_path):
    with pytest.raises(MarsadError, match="no such database"):
        create_app(f"sqlite:///{tmp_path}/none.db")
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(MarsadError, match="not a database URL"):
        create_app("not a url")


def test_importing_the_api_starts_no_server():
    code = "import sys, marsad.api; print('uvicorn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_its_address_and_answers(db):
    port = _free_port()
    env = {**os.environ, "MARSAD_API_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2) as r:
                    assert json.loads(r.read())["documents"] == 5
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server never answered")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def seeds_client(tmp_path_factory):
    rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
    url = f"sqlite:///{tmp_path_factory.mktemp('api-seeds')}/seeds.db"
    st = Store(url)
    for path in sorted(need_shared("seeds").glob("*.txt")):
        service.ingest(service.read([str(path)]), st,
                       service.IngestOptions(published=published.get(path.name), resolve=False))
    service.resolve(st)
    with TestClient(create_app(url)) as c:
        yield c


def test_seeds_egypt_libya_timeline_and_events(seeds_client):
    timeline = _get(seeds_client, "/api/timeline")  # the default pair: EG LY
    assert timeline["total"] >= 3
    dated = [r["date"] for r in timeline["items"] if r["date"]]
    assert dated == sorted(dated)
    assert all({"EG", "LY"} <= set(r["countries"]) for r in timeline["items"])
    events = _get(seeds_client, "/api/events?country=EG&country=LY&limit=200")
    assert events["total"] >= 3
    for e in events["items"]:
        assert {"EG", "LY"} <= {p["country"] for p in e["participants"]}
        doc = _get(seeds_client, f"/api/documents/{e['doc']}")
        assert doc["text"][e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]


def test_seeds_search_and_actor(seeds_client):
    hits = _get(seeds_client, "/api/search?q=عبد الله الثنى")["items"]
    assert sorted(h["doc"][:3] for h in hits) == ["000", "002"]
    actors = _get(seeds_client, "/api/actors?search=الطرابلسي")["items"]
    assert len(actors) == 1
    one = _get(seeds_client, f"/api/actors/{actors[0]['kb_id']}")
    assert one["articles"] == 2 and len(one["roles"]) >= 2
    assert {e["doc"] for e in one["events"]} <= set(one["documents"])


def test_exports_match_the_event_filter(client):
    listed = _get(client, "/api/events?type=ASSAULT&limit=200")
    r = client.get("/api/export?format=plover&type=ASSAULT")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = [json.loads(line) for line in r.text.splitlines() if line.strip()]
    assert len(rows) == listed["total"] > 0
    assert all("ASSAULT" in json.dumps(row["event"]) for row in rows)
    r = client.get("/api/export?format=csv&country=EG")
    assert r.status_code == 200 and r.text.splitlines()[0].count(",") > 3
    assert "valid" in _error(client, "/api/export?format=xml")


def test_no_page_loads_scripts_from_a_cdn(client):
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_events_timeline_and_documents_carry_english_summaries(client):
    items = _get(client, "/api/events?limit=50")["items"]
    assert items and all(i["summary_en"] and not any("\u0600" <= ch <= "\u06ff" for ch in i["summary_en"][:20])
                         for i in items)
    rows = _get(client, "/api/timeline?a=EG&b=LY")["items"]
    assert rows and all(r["summary_en"] for r in rows)
    doc = _get(client, f"/api/documents/{items[0]['doc']}")
    assert all(e["summary_en"] for e in doc["events"])
