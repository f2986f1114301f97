"""Undated events in listings (issue 14, item 10): sorted last and marked, counted when a date bound drops them."""

import json

from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.extract.pipeline import analyse
from marsad.store import Store
from marsad.store.db import EventFilter
from marsad.store.queries import is_dated

runner = CliRunner()

DATED = "التقى وزير الخارجية الأردني أيمن الصفدي اليوم نظيره العراقي فؤاد حسين في عمان."
UNDATED = "التقى وزير الخارجية الأردني أيمن الصفدي رئيس الوزراء العراقي محمد شياع السوداني في بغداد."


def _store(tmp_path) -> tuple[Store, str]:
    url = f"sqlite:///{tmp_path}/u.db"
    store = Store(url)
    store.add(analyse(DATED, {"id": "dated", "published": "2024-03-14"}))
    store.add(analyse(UNDATED, {"id": "undated", "published": None}))
    service.resolve(store)
    return store, url


def test_a_date_bound_counts_the_undated_events_it_leaves_out_and_can_keep_them(tmp_path):
    store, url = _store(tmp_path)
    listing = service.event_listing(store, EventFilter(since="2024-01-01"))
    assert listing.rows and all(r["date"] >= "2024-01-01" for r in listing.rows)
    assert listing.undated_left_out >= 1 and "undated" in listing.note()
    kept = service.event_listing(store, EventFilter(since="2024-01-01", include_undated=True))
    assert kept.undated_left_out == 0 and kept.note() is None
    assert len(kept.rows) == len(listing.rows) + listing.undated_left_out
    flags = [r["undated"] for r in kept.rows]
    assert flags == sorted(flags)  # dated first, undated last
    assert service.event_listing(store).undated_left_out == 0  # no bound, nothing left out

    res = runner.invoke(app, ["events", "--db", url, "--format", "json", "--since", "2024-01-01"])
    assert res.exit_code == 0 and "undated" in res.stderr
    res = runner.invoke(app, ["events", "--db", url, "--format", "json", "--since", "2024-01-01",
                              "--include-undated"])
    assert any(r["undated"] for r in json.loads(res.stdout)) and "left out" not in res.stderr


def test_the_pair_timeline_puts_undated_events_last_and_marks_them(tmp_path):
    store, url = _store(tmp_path)
    rows = service.timeline(store, "jo", "iq")
    assert [r["undated"] for r in rows] == sorted(r["undated"] for r in rows)
    assert any(r["undated"] for r in rows) and any(not r["undated"] for r in rows)
    assert all(r["when"] == "undated" and r["date"] is None for r in rows if r["undated"])
    table = runner.invoke(app, ["timeline", "--pair", "JO", "IQ", "--db", url, "--format", "csv"]).stdout
    assert table.splitlines()[0].startswith("when,")
    assert "undated" in table.splitlines()[-1]


def test_what_counts_as_dated():
    assert is_dated("2015") and is_dated("2015-08") and is_dated("2015-08-02")
    assert not is_dated(None) and not is_dated("") and not is_dated("--08-02")
