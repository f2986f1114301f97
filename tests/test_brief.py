"""`marsad brief`: a Markdown and an HTML brief with an SVG timeline, main actors and cited key events."""

import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.export.brief import KEY_EVENTS, timeline_svg
from marsad.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('brief')}/examples.db"
    service.demo(Store(url))
    return url


def test_a_brief_cites_its_events_and_draws_its_timeline(db, tmp_path):
    result = CliRunner().invoke(app, ["brief", "--pair", "JO", "IQ", "--db", db, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    svg = (tmp_path / "timeline.svg").read_text(encoding="utf-8")
    brief = service.brief(Store(db), "JO", "IQ")
    assert brief.events, "the examples tell Jordan–Iraq happenings"
    assert all({"JO", "IQ"} <= {p.country for p in r.parties if p.country} | _states(r) for r in brief.events)
    for heading in ("## Events by type", "## Main actors", "## Key events"):
        assert heading in md
    key = brief.key_events
    assert len(key) <= KEY_EVENTS
    assert [r.corroboration for r in key] == sorted((r.corroboration for r in key), reverse=True)
    for r in key:
        assert r.evidence.strip() in md and r.summary_en in md
    ET.fromstring(svg)  # well-formed SVG
    assert svg.count("<circle") == sum(1 for r in brief.events if r.date)
    assert "<svg" in page and "src=" not in page  # chart inline, no outside asset


def _states(r):
    return {p.ref.split(":", 1)[1] for p in r.parties if p.ref.startswith("country:")}


def test_a_brief_of_a_pair_with_no_events_is_empty_but_valid(db, tmp_path):
    b = service.brief(Store(db), "BR", "AR")
    assert b.events == [] and b.actors == []
    ET.fromstring(timeline_svg(b))


def test_an_unknown_country_is_refused(db, tmp_path):
    result = CliRunner().invoke(app, ["brief", "--pair", "EG", "XX", "--db", db, "--out", str(tmp_path)])
    assert result.exit_code == 2
