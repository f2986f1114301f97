"""What the web app reads besides docs/api.md's endpoints: counts over events (overview, network, places), the
shipped gazetteer, and the app's own files served locally with a policy that forbids any other origin."""

import json
import re
from collections import Counter
from itertools import combinations

import pytest
from fastapi.testclient import TestClient

from marsad import service
from marsad.store import Store
from marsad.text.normalize import name_key
from marsad.web import STATIC, create_app
from tests.conftest import need_shared


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web')}/examples.db"
    service.demo(Store(url))
    with TestClient(create_app(url)) as c:
        yield c


def _get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text)
    return r.json()


def _all_events(client, query=""):
    return _get(client, f"/api/events?limit=200{query}")["items"]


def test_overview_counts_agree_with_the_event_list(client):
    events = _all_events(client)
    data = _get(client, "/api/overview")
    assert data["events"] == len(events) and data["documents"] == len({e["doc"] for e in events})
    assert data["by_type"] == dict(Counter(e["type"] for e in events))
    assert data["by_context"] == dict(Counter(c for e in events for c in e["contexts"]))
    assert data["by_modality"] == dict(Counter(e["modality"] for e in events))
    months = Counter(e["date"][:7] for e in events if e["date"] and len(e["date"]) >= 7)
    assert {m["month"]: m["events"] for m in data["by_month"]} == months
    assert [m["month"] for m in data["by_month"]] == sorted(months)
    assert data["undated"] == sum(1 for e in events if not e["date"])
    states = [{p["country"] for p in e["participants"] if p["country"]} for e in events]
    assert {c["country"]: c["events"] for c in data["countries"]} == dict(Counter(c for s in states for c in s))
    pairs = Counter(p for s in states for p in combinations(sorted(s), 2))
    assert {(p["a"], p["b"]): p["events"] for p in data["pairs"]} == dict(pairs)
    counts = [p["events"] for p in data["pairs"]]
    assert counts == sorted(counts, reverse=True)


def test_overview_takes_the_event_filters(client):
    consult = _get(client, "/api/overview?type=CONSULT")
    assert set(consult["by_type"]) == {"CONSULT"}
    assert consult["events"] == len(_all_events(client, "&type=CONSULT"))
    pair = _get(client, "/api/overview?country=JO&country=IQ")
    assert pair["events"] == len(_all_events(client, "&country=JO&country=IQ")) > 0
    assert pair["pairs"][0] == {"a": "IQ", "b": "JO", "events": pair["events"]}
    since = _get(client, "/api/overview?since=2024-01-01")
    assert since["undated"] == 0 and all(m["month"] >= "2024-01" for m in since["by_month"])
    assert _get(client, "/api/overview?since=2030-01-01")["events"] == 0


@pytest.mark.parametrize("url, words", [
    ("/api/overview?since=2021-02-30", "since: no such date"),
    ("/api/overview?type=MEET", "type: unknown value 'MEET'"),
    ("/api/network?level=galaxy", "level"),
    ("/api/network?nodes=1", "nodes"),
    ("/api/network?nodes=301", "nodes"),
    ("/api/places?limit=0", "limit"),
    ("/api/places?context=weather", "context: unknown value"),
])
def test_bad_count_parameters_are_refused_with_one_line(client, url, words):
    body = _get(client, url, 422)
    assert set(body) == {"error"} and words in body["error"]


def test_network_links_people_who_share_events(client):
    net = _get(client, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["source"] < e["target"] for e in net["edges"])
    byname = {n["name"]: n for n in net["nodes"] if n["kind"] == "person"}
    safadi, hussein = byname["أيمن الصفدي"], byname["فؤاد حسين"]
    assert safadi["kb_id"] == safadi["id"] and safadi["name_latin"]
    edge = next(e for e in net["edges"] if {e["source"], e["target"]} == {safadi["id"], hussein["id"]})
    shared = [e for e in _all_events(client, f"&actor={safadi['kb_id']}")
              if any(p["kb_id"] == hussein["kb_id"] for p in e["participants"])]
    assert edge["events"] == len(shared) == sum(edge["types"].values())
    assert {s["id"] for s in edge["sample"]} == {e["id"] for e in shared}
    # the Jordanian minister received the Iraqi one: each shared event counts once, actor to recipient
    assert edge["forward"] + edge["backward"] >= 1
    # a person is never linked to its own state as if they had met
    states = {n["id"]: n["country"] for n in net["nodes"] if n["kind"] == "state"}
    persons = {n["id"]: n["country"] for n in net["nodes"] if n["kind"] != "state"}
    for e in net["edges"]:
        for s, o in ((e["source"], e["target"]), (e["target"], e["source"])):
            assert not (s in states and o in persons and states[s] == persons[o])


def test_network_of_states_and_its_limits(client):
    net = _get(client, "/api/network?level=states")
    assert {n["kind"] for n in net["nodes"]} == {"state"}
    edge = next(e for e in net["edges"] if {e["source"], e["target"]} == {"country:IQ", "country:JO"})
    assert edge["events"] == len(_all_events(client, "&country=JO&country=IQ"))
    small = _get(client, "/api/network?nodes=3")
    assert len(small["nodes"]) == 3 and small["nodes_total"] > 3
    weights = [n["events"] for n in small["nodes"]]
    assert weights == sorted(weights, reverse=True)
    kept = {n["id"] for n in small["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in small["edges"])
    assert _get(client, "/api/network?type=ASSAULT")["events"] == len(_all_events(client, "&type=ASSAULT"))


def test_places_count_events_by_place(client):
    places = _get(client, "/api/places")
    events = _all_events(client)
    located = Counter((e["location"]["name"], e["location"]["country"]) for e in events if e["location"])
    assert {(p["name"], p["country"]): p["events"] for p in places["items"]} == dict(located)
    assert places["events"] == len(events) and places["located"] == sum(located.values())
    for p in places["items"]:
        assert p["key"] == name_key(p["name"]) and len(p["sample"]) == min(p["events"], 10)
        assert all(s["doc"] and s["event"] and s["type"] for s in p["sample"])
    assert _get(client, "/api/places?type=ASSAULT")["located"] <= places["located"]


def _gazetteer() -> tuple[dict, dict]:
    data = STATIC / "data"
    return (json.loads((data / "places.json").read_text(encoding="utf-8")),
            json.loads((data / "countries.json").read_text(encoding="utf-8")))


def _locate(key: str, country: str | None, places: dict, countries: dict) -> tuple[float, float] | None:
    """The lookup of marsad/web/static/js/views/map.js, in Python."""
    state = countries["keys"].get(key)
    if state and (not country or country == state):
        c = countries["countries"][state]
        return (c["lat"], c["lon"]) if c["lat"] is not None else None
    art = places["article"]
    for k in (key, key[len(art):] if key.startswith(art) else art + key):
        hits = [places["cities"][i] for i in places["places"].get(k, [])]
        hit = next((c for c in hits if c[0] == country), hits[0] if hits else None)
        if hit:
            return hit[1], hit[2]
    return None


@pytest.mark.parametrize("name, country, lat, lon", [
    ("طرابلس", "LY", 32.9, 13.2), ("طرابلس", "LB", 34.4, 35.8), ("بنغازي", "LY", 32.1, 20.1),
    ("القاهرة", "EG", 30.1, 31.2), ("الإسكندرية", "EG", 31.2, 29.9), ("عمان", "JO", 31.9, 35.9),
    ("عمان", "OM", 21.0, 57.0), ("الخرطوم", "SD", 15.6, 32.5), ("صنعاء", "YE", 15.4, 44.2),
    ("ليبيا", "LY", 27.0, 18.0), ("مصر", None, 26.5, 29.8),
])
def test_gazetteer_places_known_names(name, country, lat, lon):
    places, countries = _gazetteer()
    at = _locate(name_key(name), country, places, countries)
    assert at is not None and abs(at[0] - lat) < 3 and abs(at[1] - lon) < 3, (name, at)


def test_gazetteer_covers_the_lexicon_cities_and_is_small():
    places, countries = _gazetteer()
    rows = [line.split("\t") for line in (STATIC.parents[1] / "lexicon" / "cities.tsv").read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]
    cities = [(names.split("|")[0], cc) for names, cc, kind in rows if kind != "region"]
    found = [c for c in cities if _locate(name_key(c[0]), c[1], places, countries)]
    assert len(found) / len(cities) >= 0.9, sorted(set(cities) - set(found))
    assert all(c["lat"] is None or (-90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180)
               for c in countries["countries"].values())
    assert "GeoNames" in places["about"] and "CC BY 4.0" in places["about"]
    for name in ("places.json", "countries.json"):
        assert (STATIC / "data" / name).stat().st_size < 300_000


def test_the_app_is_served_with_every_file_local(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "*" not in csp
    page = r.text
    assert '<html lang="ar" dir="rtl">' in page
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for a in assets:
        assert client.get(a).status_code == 200, a
    # no file of the app names another origin to load from (links to a source article are data, not assets)
    for path in STATIC.rglob("*"):
        if path.suffix in {".js", ".css", ".html"} and "vendor" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?:src|href|url|import|fetch)\s*[(=:]?\s*[\"'`]?(?:https?:)?//", text), path
    assert client.head("/").status_code == 200


def test_every_module_the_app_imports_is_shipped(client):
    seen, todo = set(), ["/static/js/main.js"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200 and "javascript" in r.headers["content-type"], url
        base = url.rsplit("/", 1)[0]
        for rel in re.findall(r'^import .* from "(\.[^"]+)";', r.text, flags=re.M):
            parts = (base + "/" + rel).split("/")
            out = []
            for p in parts:
                if p == "..":
                    out.pop()
                elif p != ".":
                    out.append(p)
            todo.append("/".join(out))
    assert len(seen) >= 10


def test_vendored_libraries_carry_their_licences():
    vendor = STATIC / "vendor"
    note = (vendor / "VENDOR.md").read_text(encoding="utf-8")
    for lib, version in (("topojson-client", "3.1.0"), ("world-atlas", "2.0.2")):
        assert (vendor / lib / "LICENSE").is_file() and f"{lib} {version}" in note


def test_the_timeline_gives_latin_names(client):
    row = _get(client, "/api/timeline?a=JO&b=IQ")["items"][0]
    assert len(row["actors_latin"]) == len(row["actors"]) and "Ayman Safadi" in row["actors_latin"]


@pytest.fixture(scope="module")
def seeds_client(tmp_path_factory):
    rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
    url = f"sqlite:///{tmp_path_factory.mktemp('web-seeds')}/seeds.db"
    st = Store(url)
    for path in sorted(need_shared("seeds").glob("*.txt")):
        service.ingest(service.read([str(path)]), st, service.IngestOptions(published=published.get(path.name)))
    with TestClient(create_app(url)) as c:
        yield c


def test_seeds_egypt_libya_is_the_most_frequent_pair_and_places_are_on_the_map(seeds_client):
    data = _get(seeds_client, "/api/overview")
    assert (data["pairs"][0]["a"], data["pairs"][0]["b"]) == ("EG", "LY")
    places, countries = _gazetteer()
    items = _get(seeds_client, "/api/places")["items"]
    on_map = [p for p in items if _locate(p["key"], p["country"], places, countries)]
    assert {p["name"] for p in on_map} >= {"طرابلس", "بنغازي", "القاهرة"}
    assert sum(p["events"] for p in on_map) / sum(p["events"] for p in items) >= 0.8
