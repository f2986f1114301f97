import json

import jsonschema
import pytest

from marsad.extract.pipeline import analyse
from tests.conftest import need_shared


@pytest.fixture(scope="module")
def schema():
    return json.loads(need_shared("contract", "document.schema.json").read_text(encoding="utf-8"))


def test_every_seed_validates_and_offsets_index_the_text(seeds, seed_published, schema):
    assert len(seeds) >= 5
    for path in seeds:
        doc = analyse(path.read_text(encoding="utf-8"), {"id": path.stem,
                                                          "published": seed_published.get(path.name)})
        data = doc.to_dict()
        jsonschema.validate(data, schema)
        text = data["text"]
        for e in data["entities"]:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
        for ev in data["events"]:
            assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
        for q in data["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
        for t in data["times"]:
            assert text[t["start"]:t["end"]] == t["text"]


def test_seed_boilerplate_is_cleaned(seeds):
    for path in seeds:
        text = analyse(path.read_text(encoding="utf-8"), {"id": path.stem}).text
        assert "أفكارك وتعليقاتك" not in text and "(تستمر)" not in text and "&" not in text
        first = text.split("\n")[0]
        assert text.count(first) == 1 or len(first) < 10


def test_round_trip_through_json(seeds):
    from marsad.model import Document

    for path in seeds:
        doc = analyse(path.read_text(encoding="utf-8"), {"id": path.stem})
        assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))).to_dict() == doc.to_dict()
