"""Run every benchmark article through `analyse`, validate each document against the contract.

Prints counts of documents, refusals (with reasons) and schema or offset failures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import jsonschema

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles


def main(shared: str = "../shared") -> int:
    schema = json.loads((Path(shared) / "contract" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    path = Path(shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    ok, refused, bad = 0, Counter(), []
    for rec in iter_articles([str(path)]):
        if isinstance(rec, InputError):
            refused[rec.reason.split(" (")[0]] += 1
            continue
        try:
            doc = analyse(rec.text, rec.meta())
        except InputError as err:
            refused[err.reason.split(" (")[0]] += 1
            continue
        data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
        errors = [e.message for e in validator.iter_errors(data)]
        text = data["text"]
        spans = [m for e in data["entities"] for m in e["mentions"]] + [e["evidence"] for e in data["events"]]
        spans += [{"start": q["start"], "end": q["end"], "text": q["text"]} for q in data["quotes"]]
        if any(text[s["start"]:s["end"]] != s["text"] for s in spans):
            errors.append("a span does not index the text")
        if errors:
            bad.append((rec.item, errors[0]))
        else:
            ok += 1
    print(f"valid documents: {ok}; refused: {sum(refused.values())} {dict(refused)}; invalid: {len(bad)}")
    for item, err in bad[:20]:
        print(f"  {item}: {err}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
