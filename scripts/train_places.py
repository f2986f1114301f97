"""Train the place model (`marsad.extract.place_model`) on the hand-written places of eval/roles-dev.

    python scripts/train_places.py --shared ../shared [--out DIR] [--folds 5]
    python scripts/train_places.py --shared ../shared --report-only      # the rules' figures and the CV, no model

`eval/roles-dev/places-SEED.jsonl` gives, for each true gold row of `roles-SEED.jsonl` (its `row`: the line number
there, from 0), where the happening took place as the article names it (`place`, with `place_alt` other right
answers, null when the article names none) and its date. Every article of those sets is analysed with the shipped
role and retelling models; each output event that matches a true row with a place annotation (`scripts/roles_dev.py`
matching) is one training group: the options `place_options` gives, "no place named" first, the right ones those
whose name names the gold place or an alternative («no place named» when the gold place is null). A group where the
gold names a place no option names teaches nothing but counts as an error in every figure. The regularisation and
the margin the model must beat the rules by are chosen by cross-validation over articles; the model is refit on
every group and written with a meta.json recording the data, the choice and the figures (default: the shipped
directory, marsad/models/place-model/).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import roles_dev as rd  # noqa: E402

from marsad.extract.detector import shipped_detector  # noqa: E402
from marsad.extract.events import add_events  # noqa: E402
from marsad.extract.logistic import choice_probabilities, fit_choice, index_features  # noqa: E402
from marsad.extract.pipeline import DEFAULT_COMPONENTS, PipelineConfig, get_pipeline  # noqa: E402
from marsad.extract.place_model import (  # noqa: E402
    FORMAT,
    SHIPPED_DIR,
    PlaceOption,
    allowed,
    decide,
    features,
    shipped_place_model,
)
from marsad.extract.retell_model import shipped_retell_model  # noqa: E402
from marsad.extract.role_model import shipped_role_model  # noqa: E402
from marsad.extract.weights_dir import write_weights_dir  # noqa: E402
from marsad.model import Document, Event  # noqa: E402
from marsad.text.morphology import Morphology  # noqa: E402
from marsad.text.normalize import name_key  # noqa: E402

L2_GRID = (1.0, 3.0, 10.0, 30.0)
MARGINS = (1.0, 1.5, 2.0, 3.0)
REMOVE_MARGINS = (1.0, 2.0, 4.0, 8.0, float("inf"))
ADD_THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6)
MIN_WEIGHT = 0.01
SEED = 17


@dataclass
class Recorder:
    """Stands where a place (or date) model would: keeps the rules' choice and records each event's options and
    features."""

    target: str = "places"
    seen: dict[int, tuple[list, list[list[str]], dict | None]] = field(default_factory=dict)

    def choose(self, m: Morphology, doc: Document, hit: Any, ev: Event, opts: list) -> dict | None:
        """Record the options and features of an event; return the rules' own choice."""
        if self.target == "dates":
            from marsad.extract.date_model import features as date_features

            current, feats = ev.date, date_features(m, doc, hit, ev, opts)
        else:
            current, feats = ev.location, features(m, doc, hit, ev, opts)
        self.seen[hit.sent.tokens[hit.tok_start].start] = (opts, feats, current)
        return current


@dataclass
class Group:
    """One matched output event: its options' features ("nothing" first), the right options, its gold."""

    doc: str
    opts: list
    feats: list[list[str]]
    right: list[int]
    rule: dict | None
    gold: dict


def same_place(m: Morphology, gold: str, out: str) -> bool:
    """Return whether two place names name one place: equal read without the article on each word, or one the
    other with words added («شمال سوريا», «سوريا»)."""
    def words(s: str) -> list[str]:
        return [m.without_article(w) for w in name_key(s).split()]

    a, b = words(gold), words(out)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def right_place(m: Morphology, gold: dict, name: str | None) -> bool:
    """Return whether an output place (None: no place) is right for a gold annotation."""
    if not gold.get("place"):
        return name is None
    return name is not None and any(same_place(m, g, name) for g in [gold["place"], *(gold.get("place_alt") or [])])


def right_options(m: Morphology, gold: dict, opts: list[PlaceOption]) -> list[int]:
    """Return the options right for a gold annotation ("no place named" is 0): the options naming the gold
    place itself, else those naming one of its alternatives (the country of a town is an acceptable answer,
    but the model should learn to name the town)."""
    if not gold.get("place"):
        return [0]
    exact = [n for n, o in enumerate(opts, 1) if same_place(m, gold["place"], o.name)]
    return exact or [n for n, o in enumerate(opts, 1) if right_place(m, gold, o.name)]


def place_files(dev: Path = rd.DEV) -> list[Path]:
    """Return the place annotation files of the gold sets."""
    return sorted(dev.glob("places-*.jsonl"))


def role_files(places: Path) -> tuple[Path, Path]:
    """Return the (rows, articles) files of the gold set a place file annotates: `places-SEED.jsonl` those of
    `roles-SEED.jsonl`, `places-dev.jsonl` those of the role dev set (`roles.jsonl`, `articles.tsv`)."""
    seed = places.stem.removeprefix("places-")
    if seed == "dev":
        return places.parent / "roles.jsonl", places.parent / "articles.tsv"
    return places.parent / f"roles-{seed}.jsonl", places.parent / f"articles-{seed}.tsv"


def groups(shared: Path, dev: Path = rd.DEV, only: tuple[str, ...] | None = None,
           skip: tuple[str, ...] = (), target: str = "places",
           right_of: Any = None) -> tuple[list[Group], dict]:
    """Return the training groups of every set with places (only the seeds `only`, when given; never those of
    `skip`), and the description of the data. With `target` "dates" the groups hold the date options (the
    shipped place model placing the events) and `right_of(morph, gold, opts)` says which are right."""
    config = PipelineConfig(components=tuple(c for c in DEFAULT_COMPONENTS if c not in ("events", "contexts")))
    pipe = get_pipeline(config)
    m = pipe.resources.morphology
    detector, roles, retell = shipped_detector(), shipped_role_model(), shipped_retell_model()
    out: list[Group] = []
    files = {}
    for path in place_files(dev):
        seed = path.stem.removeprefix("places-")
        if seed in skip or (only is not None and seed not in only):
            continue
        ids, golds = rd.load_dev(dev, *role_files(path))
        places = {r["row"]: r for r in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                                          if line.strip())}
        files[path.name] = {"rows": len(places), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        records = rd.load_articles(shared, ids)
        for i in ids:
            rec = records[i]
            doc = pipe(rec["text"], {k: rec.get(k) for k in rd.META_KEYS})
            recorder = Recorder(target)
            if target == "dates":
                add_events(doc, m, detector, roles, retell, shipped_place_model(), recorder)
            else:
                add_events(doc, m, detector, roles, retell, recorder)
            outs = rd.output_events(doc)
            rows = [(k, g) for k, g in enumerate(golds) if g.doc == doc.id]
            for oi, gj in rd.match([g for _, g in rows], outs).items():
                k, g = rows[gj]
                seen = recorder.seen.get(outs[oi].trigger_start)
                if not g.event or seen is None or k not in places:
                    continue
                opts, feats, rule = seen
                gold = places[k]
                right = (right_of or right_options)(m, gold, opts)
                out.append(Group(doc.id, opts, feats, right, rule, gold))
    return out, {"groups": len(out), "files": files}


def _fit(train: list[Group], l2: float) -> tuple[dict[str, int], np.ndarray]:
    usable = [g for g in train if g.right]
    vocab = index_features([f for g in usable for f in g.feats])
    w = fit_choice([[[vocab[x] for x in f] for f in g.feats] for g in usable], [g.right for g in usable],
                   len(vocab), l2)
    return vocab, w


def _probs(vocab: dict[str, int], w: np.ndarray, g: Group) -> list[float]:
    return choice_probabilities([[vocab[x] for x in f if x in vocab] for f in g.feats], w).tolist()


def cross_validate(gs: list[Group], folds: int, l2: float) -> list[list[float]]:
    """Return out-of-fold option probabilities of each group, folds by article."""
    docs = sorted({g.doc for g in gs})
    order = np.random.default_rng(SEED).permutation(len(docs))
    fold_of = {docs[k]: n % folds for n, k in enumerate(order)}
    probs: list[list[float]] = [[] for _ in gs]
    for k in range(folds):
        vocab, w = _fit([g for g in gs if fold_of[g.doc] != k], l2)
        for n, g in enumerate(gs):
            if fold_of[g.doc] == k:
                probs[n] = _probs(vocab, w, g)
    return probs


def figures(m: Morphology, gs: list[Group], chosen: list[dict | None]) -> dict:
    """Return the share of events whose place is right (no place where the gold has none), and the scorer's
    accuracy over events whose gold names a place."""
    ok = [right_place(m, g.gold, (c or {}).get("name")) for g, c in zip(gs, chosen, strict=True)]
    named = [o for g, o in zip(gs, ok, strict=True) if g.gold.get("place")]
    return {"events": len(gs), "right": round(sum(ok) / len(gs), 3),
            "gold_named": len(named), "scorer_accuracy": round(sum(named) / max(1, len(named)), 3),
            "output_place_where_gold_none": sum(1 for g, c in zip(gs, chosen, strict=True)
                                                if c and not g.gold.get("place"))}


@dataclass(frozen=True)
class Task:
    """What one trainer learns: which options its groups hold, how a choice is made and scored, where it goes."""

    target: str  # "places" or "dates"
    description: str
    fmt: str
    out: Path
    right_of: Any  # (morph, gold, opts) -> right option numbers
    decide: Any  # (probs, group, margin, remove, add) -> the chosen value
    figures: Any  # (morph, groups, chosen values) -> dict with "right" and "scorer_accuracy"
    trainer: str


PLACES = Task("places", __doc__.splitlines()[0], FORMAT, SHIPPED_DIR, right_options,
              lambda p, g, margin, remove, add: decide(p, g.opts, g.rule, margin, remove, add, allowed(g.feats)),
              figures, "scripts/train_places.py")


def run(task: Task, argv: list[str] | None = None) -> int:
    """Choose, report and (unless told otherwise) write the model of `task` from the command line `argv`."""
    ap = argparse.ArgumentParser(description=task.description)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=task.out)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--report-only", action="store_true", help="print the figures, write no model")
    ap.add_argument("--held-out", default="", help="comma-separated seeds of sets left out of training and "
                    "choice, then scored with the model fitted on the rest (written nowhere)")
    args = ap.parse_args(argv)
    held_out = tuple(x for x in args.held_out.split(",") if x)
    gs, data = groups(args.shared, skip=held_out, target=task.target, right_of=task.right_of)
    m = get_pipeline(PipelineConfig()).resources.morphology
    print(f"{len(gs)} events with a gold annotation; {sum(1 for g in gs if g.right)} with a right option")
    print("rules at the chooser:", task.figures(m, gs, [g.rule for g in gs]))
    best: tuple[float, float, float, float, float] | None = None
    table = {}
    for l2 in L2_GRID:
        probs = cross_validate(gs, args.folds, l2)
        for margin, remove, add in itertools.product(MARGINS, REMOVE_MARGINS, ADD_THRESHOLDS):
            f = task.figures(m, gs, [task.decide(p, g, margin, remove, add) for g, p in zip(gs, probs, strict=True)])
            table[f"{l2}|{margin}|{remove}|{add}"] = f
            # both readings count: events right (a value where the gold has none is wrong, as hand checks judge)
            # and the scorer's accuracy over events whose gold has one
            value = f["right"] + f["scorer_accuracy"]
            if best is None or value > best[0]:
                best = (value, l2, margin, remove, add)
        print(f"CV l2={l2}, best so far {best}: {table['|'.join(map(str, best[1:]))]}")
    assert best is not None
    _, l2, margin, remove, add = best
    print(f"chosen: l2={l2} margin={margin} remove={remove} add={add}")
    if held_out:
        test, _ = groups(args.shared, only=held_out, target=task.target, right_of=task.right_of)
        vocab, w = _fit(gs, l2)
        chosen = [task.decide(_probs(vocab, w, g), g, margin, remove, add) for g in test]
        print(f"held out ({', '.join(held_out)}): rules {task.figures(m, test, [g.rule for g in test])}")
        print(f"held out ({', '.join(held_out)}): model {task.figures(m, test, chosen)}")
        return 0
    if args.report_only:
        return 0
    vocab, w = _fit(gs, l2)
    weights = {name: round(float(w[k]), 4) for name, k in vocab.items() if abs(w[k]) >= MIN_WEIGHT}
    meta = {"format": task.fmt, "margin": margin, "remove_margin": None if remove == float("inf") else remove,
            "add_threshold": add, "l2": l2, "folds": args.folds, "data": data,
            "scores": {"rules": task.figures(m, gs, [g.rule for g in gs]),
                       "cross_validated": table[f"{l2}|{margin}|{remove}|{add}"]},
            "trained_by": task.trainer}
    write_weights_dir(args.out, meta, weights)
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Train the place model from the command line; return the exit status."""
    return run(PLACES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
