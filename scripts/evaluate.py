"""One evaluation table: the seeds and news-dev (../shared/eval/score.py) and PLOVER sentence detection.

    python scripts/evaluate.py --shared ../shared            # prints one table
    python scripts/evaluate.py --shared ../shared --json     # one JSON object: {set: {layer: scores}}

Detection on the gold-standard dev half (data/events/gsr/): a sentence counts as reporting an
ASSAULT (PROTEST) when the trigger rules find a hit of that type and the trained detector accepts
it; cross-validated, since the detector is trained on this half (see `detection`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles


def _score(shared: Path, gold: Path, docs: list[tuple[str, dict]]) -> dict:
    with tempfile.TemporaryDirectory() as out:
        for stem, data in docs:
            (Path(out) / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        res = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), out, "--json"],
                             capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def seeds(shared: Path) -> dict:
    """Return score.py's scores of the five seed articles against gold-dev."""
    rows = (shared / "seeds" / "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
    docs = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        doc = analyse(path.read_text(encoding="utf-8"), {"id": path.stem, "published": published.get(path.name)})
        docs.append((path.stem, doc.to_dict()))
    return _score(shared, shared / "eval" / "gold-dev", docs)


def news_dev(shared: Path) -> dict:
    """Return score.py's scores of the 30 news-dev articles against their gold."""
    docs = []
    for rec in iter_articles([str(shared / "eval" / "news-dev" / "articles.jsonl")]):
        if isinstance(rec, InputError):
            continue
        doc = analyse(rec.text, rec.meta())
        docs.append((rec.id or doc.id, doc.to_dict()))
    return _score(shared, shared / "eval" / "news-dev" / "gold", docs)


def detection(shared: Path) -> dict:
    """Return precision, recall and F1 of ASSAULT and PROTEST sentence detection on the gold-standard dev half.

    The shipped detector was trained on this half, so scoring it here would only show what it
    memorised: the figures are k-fold cross-validated (each sentence scored by a model fitted on the
    other folds, with the shipped model's regularisation and thresholds). "rules alone" rows score
    the trigger rules without the detector.
    """
    from marsad.extract.detector import shipped_detector
    from marsad.extract.train_detector import GSR_FILES, _decide, _joint, _prf, cross_validate, instances

    det = shipped_detector()
    feats, gold, types = [], [], []
    for typ in GSR_FILES:
        f, g, _ = instances(shared, typ)
        feats += [_joint(typ, x) if x is not None else None for x in f]
        gold += g
        types += [typ] * len(g)
    rules = [f is not None for f in feats]
    if det is not None:
        probs = cross_validate(feats, gold, det.meta.get("folds", 5), det.meta["scores"]["l2"])
        pred = _decide(feats, probs, types, det.thresholds, det.meta.get("accept_features", {}))
    else:
        pred = rules
    out = {}
    for name, sel_types in [*((t, {t}) for t in GSR_FILES), ("ASSAULT+PROTEST", set(GSR_FILES))]:
        for label, chosen in ((name, pred), (f"{name} rules alone", rules)):
            idx = [i for i, t in enumerate(types) if t in sel_types]
            out[label] = _prf(sum(chosen[i] and gold[i] for i in idx), sum(chosen[i] and not gold[i] for i in idx),
                              sum(gold[i] and not chosen[i] for i in idx))
    return out


def _cell(v: dict | None) -> str:
    if not v:
        return "-"
    if "f1" in v:
        return f"{v['f1']:.3f} (P {v['p']:.2f} R {v['r']:.2f})"
    return f"{v['acc']:.3f} (n={v['n']})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--sets", default="seeds,news-dev,gsr")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    wanted = args.sets.split(",")
    result = {}
    if "seeds" in wanted:
        result["seeds"] = seeds(shared)
    if "news-dev" in wanted:
        result["news-dev"] = news_dev(shared)
    if "gsr" in wanted:
        result["gsr-dev"] = detection(shared)
    if args.json:
        print(json.dumps(result))
        return 0
    layers = [k for k in ("PER", "ORG", "LOC", "person_country", "person_title", "events", "event_date",
                          "event_location", "contexts", "quote_speakers")]
    sets = [s for s in ("seeds", "news-dev") if s in result]
    print(f"{'layer':16s}" + "".join(f"{s:28s}" for s in sets))
    for layer in layers:
        print(f"{layer:16s}" + "".join(f"{_cell(result[s].get(layer)):28s}" for s in sets))
    if "gsr-dev" in result:
        print("\nPLOVER gold standard, dev half: sentence detection (trigger rules + detector, cross-validated)")
        for typ, v in result["gsr-dev"].items():
            print(f"{typ:28s}{_cell(v)}  tp {v['tp']} fp {v['fp']} fn {v['fn']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
