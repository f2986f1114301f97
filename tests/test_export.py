"""Exports, each validated by loading it: PLOVER JSONL against its field list, CSV with the csv module, GraphML
with networkx."""

import csv
import io
import json
from collections import Counter

import networkx as nx
import pytest
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.export import FORMATS
from marsad.export.acled import COLUMNS as ACLED_COLUMNS
from marsad.export.acled import acled_type
from marsad.export.graphml import node_id, pairs
from marsad.export.plover import PLOVER_FIELDS, QUAD
from marsad.model import EVENT_TYPES
from marsad.records import EventRecord, Party
from marsad.store import Store
from tests.conftest import SHARED

runner = CliRunner()
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A store of the shipped examples, and of the seeds when ../shared is there."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export')}/m.db"
    assert runner.invoke(app, ["demo", "--db", url]).exit_code == 0
    if (SHARED / "seeds").is_dir():
        runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", url, "-q"])
    return url


def _export(db: str, fmt: str, tmp_path, *filters: str) -> str:
    out = tmp_path / f"x.{fmt}"
    res = runner.invoke(app, ["export", "--format", fmt, "--db", db, "--out", str(out), *filters])
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.stderr
    return out.read_text(encoding="utf-8")


def test_plover_jsonl_has_the_plover_fields(db, tmp_path):
    records = service.event_records(Store(db))
    lines = _export(db, "plover", tmp_path).splitlines()
    assert len(lines) == len(records) > 10
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == [r.id for r in records] and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert set(PLOVER_FIELDS) <= set(row)
        assert row["event"][0] in EVENT_TYPES and row["quad_code"] == QUAD[row["event"][0]]
        assert row["date"] is None or len(row["date"]) == 10
        assert isinstance(row["actor"], list) and isinstance(row["recipient"], list)
        for actor in row["actor"] + row["recipient"]:
            assert {"code", "sector", "actor_text", "identifier_text"} <= set(actor)
            assert actor["code"] is None or len(actor["code"]) == 3
        assert row["event_text"] and row["cite_info"]["citation"] == row["doc_id"]
        assert row["summary_en"] and row["modality"] in ("asserted", "planned", "hypothetical", "offered")
    jordan = next(r for r in rows if r["id"] == "01_amman_baghdad:e1")
    assert {a["code"] for a in jordan["actor"] + jordan["recipient"]} >= {"JOR", "IRQ"}
    assert jordan["event_loc"]["name"] == "Amman" and jordan["event_loc"]["cc3"] == "JOR"


def test_acled_csv_uses_acled_columns_and_types(db, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export(db, "acled", tmp_path))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert {"event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
            "actor2", "country", "location", "latitude", "longitude", "source", "notes"} <= set(rows[0])
    assert len(rows) == len(service.event_records(Store(db)))
    for r in rows:
        assert r["event_type"] in ACLED_TYPES and r["latitude"] == r["longitude"] == ""
        assert r["year"] == r["event_date"][:4]
        if r["modality"] != "asserted" or r["negated"] == "true":
            assert (r["event_type"], r["sub_event_type"]) == ("Strategic developments", "Other") and r["tags"]
    strikes = next(r for r in rows if r["event_id_cnty"] == "02_sanaa_strikes:e1")
    assert (strikes["event_type"], strikes["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strikes["actor1"] == "the United States" and strikes["location"] == "Sanaa"  # «طائرات حربية أمريكية»


def _record(type_, mode=None, modality="asserted", negated=False):
    return EventRecord("d:e1", "d", type_, mode, modality, negated, None, None, None, None, (), "", 0, 0, 0.5, ())


def test_the_plover_to_acled_mapping():
    assert acled_type(_record("ASSAULT", "aerial")) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_type(_record("ASSAULT", "abduction")) == ("Violence against civilians",
                                                           "Abduction/forced disappearance")
    assert acled_type(_record("ASSAULT", "armed")) == ("Battles", "Armed clash")
    assert acled_type(_record("PROTEST", "sit-in")) == ("Protests", "Peaceful protest")
    assert acled_type(_record("COERCE", "arrest")) == ("Strategic developments", "Arrests")
    assert acled_type(_record("AGREE")) == ("Strategic developments", "Agreement")
    assert acled_type(_record("CONSULT", "meeting")) == ("Strategic developments", "Other")
    assert acled_type(_record("ASSAULT", "aerial", modality="planned")) == ("Strategic developments", "Other")
    assert acled_type(_record("ASSAULT", "aerial", negated=True)) == ("Strategic developments", "Other")


def test_graphml_loads_in_networkx_with_weights_and_types(db, tmp_path):
    graph = nx.read_graphml(io.StringIO(_export(db, "graphml", tmp_path)))
    assert graph.is_directed() and graph.number_of_nodes() > 10 and graph.number_of_edges() > 10
    expected: Counter = Counter()
    for ev in service.event_records(Store(db)):
        expected.update({(node_id(a), node_id(b)) for a, b in pairs(ev)})
    assert {(a, b): d["weight"] for a, b, d in graph.edges(data=True)} == dict(expected)
    for _, _, d in graph.edges(data=True):
        counts = dict(t.split(":") for t in d["types"].split())
        assert sum(map(int, counts.values())) == d["weight"]
        assert all(d[f"n_{t}"] == int(c) for t, c in counts.items())
    for _, d in graph.nodes(data=True):
        assert d["label"] and d["name_latin"] and d["kind"] in ("person", "organisation", "place", "state")
    safadi = [d for _, d in graph.nodes(data=True) if d["label"] == "أيمن الصفدي"]
    assert safadi and safadi[0]["kind"] == "person" and safadi[0]["country"] == "JO"
    assert safadi[0]["name_latin"].isascii() and "Safadi" in safadi[0]["name_latin"]


def test_a_meeting_of_equals_links_its_actors_pairwise():
    a = Party("country:TN", "participant", "STATE", country="TN")
    b = Party("country:DZ", "participant", "STATE", country="DZ")
    ev = EventRecord("d:e1", "d", "CONSULT", None, "asserted", False, None, None, None, None, (), "", 0, 0, 0.5,
                     (a, b))
    assert [(node_id(x), node_id(y)) for x, y in pairs(ev)] == [("country:TN", "country:DZ")]


def test_plain_csv_and_filters(db, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export(db, "csv", tmp_path, "--type", "CONSULT"))))
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    assert len(rows) == len(service.event_records(Store(db), service.EventFilter(types=("CONSULT",))))
    assert all(r["summary_en"] and r["id"].startswith(r["doc_id"] + ":") for r in rows)
    jordan = next(r for r in rows if r["id"] == "01_amman_baghdad:e1")
    assert "Safadi" in jordan["recipients_en"] + jordan["actors_en"] and jordan["location_en"] == "Amman"


def test_service_export_streams_every_format_and_refuses_an_unknown_one(db):
    for fmt in FORMATS:
        text = "".join(service.export(Store(db), fmt, service.EventFilter(countries=("JO",))))
        assert text
    with pytest.raises(KeyError):
        service.export(Store(db), "xlsx")
    assert service.export_formats()["graphml"] == ("application/graphml+xml", ".graphml")


def test_export_to_standard_output_and_bad_filters(db):
    res = runner.invoke(app, ["export", "--format", "plover", "--db", db, "--country", "IQ"])
    assert res.exit_code == 0 and all(json.loads(line)["id"] for line in res.stdout.splitlines())
    bad = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--type", "MEETING"])
    assert bad.exit_code == 2 and "valid types: AGREE, CONSULT" in bad.stderr
