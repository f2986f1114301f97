"""List event errors on a dev set: gold events missed, predictions unmatched, and wrong dates/places.

    python scripts/event_errors.py --shared ../shared [--set news-dev] [--doc STEM]

Uses score.py's own matching (imported from ../shared/eval), so what it lists is what the score counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _docs(shared: Path, which: str) -> dict[str, dict]:
    out = {}
    if which == "news-dev":
        for rec in iter_articles([str(shared / "eval" / "news-dev" / "articles.jsonl")]):
            if not isinstance(rec, InputError):
                out[rec.id] = analyse(rec.text, rec.meta()).to_dict()
    else:
        rows = (shared / "seeds" / "published.tsv").read_text(encoding="utf-8").splitlines()
        published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
        for path in sorted((shared / "seeds").glob("*.txt")):
            out[path.stem] = analyse(path.read_text(encoding="utf-8"),
                                     {"id": path.stem, "published": published.get(path.name)}).to_dict()
    return out


def _label(ev: dict, ents: dict) -> str:
    names = [ents[p]["name"] if p in ents else p for p in ev.get("participants", [])]
    date = (ev.get("date") or {}).get("value")
    loc = (ev.get("location") or {}).get("name")
    return f"{ev['type']}/{ev.get('mode')} {ev.get('modality')} [{', '.join(names)}] date={date} loc={loc}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--set", default="news-dev")
    ap.add_argument("--doc")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    sc = _scorer(shared)
    gold_dir = shared / "eval" / ("news-dev/gold" if args.set == "news-dev" else "gold-dev")
    docs = _docs(shared, args.set)
    for gpath in sorted(gold_dir.glob("*.json")):
        if args.doc and gpath.stem != args.doc:
            continue
        g = json.loads(gpath.read_text())
        d = docs.get(gpath.stem, {})
        ents = {e["id"]: e for e in d.get("entities", [])}
        name_keys = {}
        for coll in ("persons", "orgs"):
            for item in g.get(coll, []):
                ks = sc.keys(item)
                for k in ks:
                    name_keys[k] = ks
        gev, pev = g.get("events", []), d.get("events", [])
        cand = []
        for gi, ge in enumerate(gev):
            gn, gc = sc.gold_participants(ge, name_keys)
            for pi, pe in enumerate(pev):
                if pe.get("type") not in [ge["type"], *ge.get("alt_types", [])]:
                    continue
                pn, pc = sc.participants(pe, ents)
                sn, scn = len(gn & pn), len(gc & pc)
                if sn >= 1 or (gc and scn >= min(2, len(gc))):
                    cand.append((sn + 0.5 * scn, ge.get("required", True), -gi, -pi))
        cand.sort(reverse=True)
        gused, pused, pairs = set(), set(), []
        for _, _, gi, pi in cand:
            if -gi in gused or -pi in pused:
                continue
            gused.add(-gi)
            pused.add(-pi)
            pairs.append((gev[-gi], pev[-pi]))
        print(f"=== {gpath.stem}  ({d.get('published') or g.get('published')})")
        for gi, ge in enumerate(gev):
            if gi not in gused and ge.get("required", True):
                print(f"  MISS {ge['type']}/{ge.get('mode')} {ge.get('modality')} {ge['participants']} "
                      f"date={ge.get('date')} loc={ge.get('location')} :: {ge.get('evidence', '')[:140]}")
        for pi, pe in enumerate(pev):
            if pi not in pused:
                print(f"  FP   {_label(pe, ents)} :: {pe['evidence']['text'][:140]}")
        for ge, pe in pairs:
            bad = []
            gd = ge.get("date")
            if gd == "@published":
                gd = g.get("published")
            pv = (pe.get("date") or {}).get("value")
            if gd and gd != "?" and not sc.date_ok(gd, ge.get("date_precision", "day"), pv):
                bad.append(f"date {pv} want {gd} ({ge.get('date_text')})")
            if gd == "?" and pv:
                bad.append(f"date {pv} want none")
            if ge.get("location"):
                loc = sc.norm((pe.get("location") or {}).get("name") or "")
                wants = [sc.norm(w) for w in [ge["location"], *ge.get("location_alt", [])]]
                if not (loc and any(sc.loose_equal(loc, w) or w in loc for w in wants)):
                    bad.append(f"loc {loc or None} want {ge['location']}")
            gcx, pcx = set(ge.get("contexts", [])), set(pe.get("contexts") or [])
            if gcx != pcx:
                bad.append(f"ctx {sorted(pcx)} want {sorted(gcx)}")
            tag = "OK  " if not bad else "PART"
            print(f"  {tag} {_label(pe, ents)}" + ("\n         " + "; ".join(bad) if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
