"""Train the role model (`marsad.extract.role_model`) on the gold roles of eval/roles-dev (every set there).

    python scripts/train_roles.py --shared ../shared [--out DIR] [--folds 5]

Every output event the rules give that matches a true gold row is one group of training instances: each of its
candidate parties, labelled actor (recipient) when its name matches a required gold actor (recipient); a
candidate that matches only an optional gold party («?country:SA») is a right choice only where the role has no
required party (then "nobody named" is right too). The
regularisation and the two thresholds are chosen by cross-validation over articles (whole articles per fold),
scored as `scripts/roles_dev.py` scores: the share of matched events with both roles right. The model is then
refit on every instance and written with a meta.json recording the data, the choice and the cross-validated
figures (default: the shipped directory, marsad/models/role-model/).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import roles_dev as rd  # noqa: E402

from marsad.extract.components import REGISTRY  # noqa: E402
from marsad.extract.detector import shipped_detector  # noqa: E402
from marsad.extract.events import add_events  # noqa: E402
from marsad.extract.logistic import choice_probabilities, fit_choice, index_features  # noqa: E402
from marsad.extract.pipeline import DEFAULT_COMPONENTS, PipelineConfig, get_pipeline  # noqa: E402
from marsad.extract.role_model import (  # noqa: E402
    FORMAT,
    ROLES,
    SHIPPED_DIR,
    TWO_SIDED,
    Candidate,
    decide,
    decides,
    features,
    none_features,
    rule_choice,
)
from marsad.extract.weights_dir import write_weights_dir  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.text.morphology import Morphology  # noqa: E402

L2_GRID = (1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.2, 1.01, 0.1))  # 1.0: one party per role
MIN_WEIGHT = 0.01
# the model chooses only where the rules fell back on a default (first party named acts; the one before a verbal
# noun acts; a subject only a pronoun tells; a passive count) or where a rule measured worse than the model (the
# main clause's subject of a circumstantial participle, topics and sides dropped, an unnamed subject): there it
# gains across held-out articles; after a rule for a construction it does not (a party behind a preposition does
# not act: «أطلق مسلحون النار على الصحفي X»; the guest of «استقبل X نظيره Y» acts, the order the reception verb's
# lexicon entry gives) (docs/events.md, "Role model")
DECIDES_AFTER = ("first_named", "noun_before", "main_subject", "topic_or_side", "subject_unnamed",
                 "own_subject", "passive_count")


@dataclass
class Recorder:
    """Stands where a role model would: keeps the rules' choice and records each hit's candidates and features."""

    seen: dict[int, tuple[list[Candidate], list[list[str]], list[str]]] = field(default_factory=dict)

    def assign(self, m: Morphology, doc: Document, hit: Any, cands: list[Candidate]) -> tuple[list[str], list[str]]:
        self.seen[hit.sent.tokens[hit.tok_start].start] = (
            cands, [none_features(hit, cands), *features(m, doc, hit, cands)], list(hit.role_rules))
        return rule_choice(cands)


@dataclass
class Group:
    """The candidates of one matched output event, the features of its options ("nobody named" first, then each
    candidate), the options right for each role (empty: none is) and its gold row."""

    doc: str
    cands: list[Candidate]
    feats: list[list[str]]
    names: list[str]
    right: dict[str, list[int]]
    gold: rd.Gold
    role_rules: list[str]


def right_options(gold: list[str] | None, names: list[str]) -> list[int]:
    """Return the options (0: nobody named, k: the k-th candidate name) that alone fill a gold role rightly:
    where the role has a required party, each candidate that is one; where it has none, nobody and each
    candidate that is an optional party."""
    items = list(map(rd._item, gold or []))
    required = any(not optional for _, optional in items)
    out = [] if required else [0]
    for k, name in enumerate(names, 1):
        hits = [optional for alts, optional in items if any(rd.name_matches(a, name) for a in alts)]
        if hits and (not required or not all(hits)):
            out.append(k)
    return out


def gold_sets(dev: Path = rd.DEV) -> list[tuple[Path, Path]]:
    """Return the (rows, articles) files of every set of gold roles: the role dev set and each later set
    (`roles-SEED.jsonl` with `articles-SEED.tsv`)."""
    later = sorted(dev.glob("roles-*.jsonl"))
    return [(dev / "roles.jsonl", dev / "articles.tsv")] + [
        (p, dev / f"articles-{p.stem.removeprefix('roles-')}.tsv") for p in later]


def load_all(dev: Path = rd.DEV, held_out: tuple[str, ...] = ()) -> tuple[list[str], list[rd.Gold], dict]:
    """Return the article ids and gold rows of every set but the `held_out` seeds, and the description of the
    data."""
    ids: list[str] = []
    golds: list[rd.Gold] = []
    files = {}
    for rows, articles in gold_sets(dev):
        if rows.stem.removeprefix("roles-") in held_out:
            continue
        i, g = rd.load_dev(dev, rows, articles)
        ids += [x for x in i if x not in ids]
        golds += g
        files[rows.name] = {"articles": len(i), "rows": len(g), "sha256": hashlib.sha256(rows.read_bytes()).hexdigest()}
    return ids, golds, files


def groups(shared: Path, dev: Path = rd.DEV, held_out: tuple[str, ...] = ()) -> tuple[list[Group], dict]:
    """Return the training groups of every set of gold roles but the `held_out` seeds, and the description of
    the data."""
    ids, golds, files = load_all(dev, held_out)
    records = rd.load_articles(shared, ids)
    config = PipelineConfig(components=tuple(c for c in DEFAULT_COMPONENTS if c not in ("events", "contexts")))
    pipe = get_pipeline(config)
    m = pipe.resources.morphology
    detector = shipped_detector()
    contexts = REGISTRY["contexts"](pipe.resources)
    out: list[Group] = []
    for i in ids:
        rec = records[i]
        doc = pipe(rec["text"], {k: rec.get(k) for k in rd.META_KEYS})
        recorder = Recorder()
        add_events(doc, m, detector, recorder)
        contexts(doc)
        outs = rd.output_events(doc)
        rows = [g for g in golds if g.doc == doc.id]
        names = {e.id: e.name for e in doc.entities}
        for oi, gj in rd.match(rows, outs).items():
            g = rows[gj]
            seen = recorder.seen.get(outs[oi].trigger_start)
            if not g.event or seen is None:
                continue
            cands, feats, role_rules = seen
            cand_names = [names.get(c.key, c.key) for c in cands]
            out.append(Group(doc.id, cands, feats, cand_names,
                             {"actor": right_options(g.actors, cand_names),
                              "recipient": right_options(g.recipients, cand_names)}, g, role_rules))
    return out, {"articles": len(ids), "gold_rows": len(golds), "files": files}


def _both_right(group: Group, actors: list[str], recipients: list[str]) -> tuple[bool, bool]:
    name = dict(zip((c.key for c in group.cands), group.names, strict=True))
    return (rd.role_right(group.gold.actors, [name[k] for k in actors]),
            rd.role_right(group.gold.recipients, [name[k] for k in recipients]))


def _fit_role(train: list[Group], role: str, l2: float) -> tuple[dict[str, int], np.ndarray]:
    usable = [g for g in train if g.right[role]]  # a role no option fills rightly teaches nothing
    vocab = index_features([f for g in usable for f in g.feats])
    w = fit_choice([[[vocab[x] for x in f] for f in g.feats] for g in usable], [g.right[role] for g in usable],
                   len(vocab), l2)
    return vocab, w


def _probs(vocab: dict[str, int], w: np.ndarray, group: Group) -> list[float]:
    return choice_probabilities([[vocab[x] for x in f if x in vocab] for f in group.feats], w).tolist()


def cross_validate(gs: list[Group], folds: int, l2: float) -> list[tuple[list[float], list[float]]]:
    """Return out-of-fold (actor, recipient) option probabilities of each group, folds by article."""
    docs = sorted({g.doc for g in gs})
    order = np.random.default_rng(17).permutation(len(docs))
    fold_of = {docs[k]: n % folds for n, k in enumerate(order)}
    probs: list[tuple[list[float], list[float]]] = [([], []) for _ in gs]
    for k in range(folds):
        train = [g for g in gs if fold_of[g.doc] != k]
        models = {role: _fit_role(train, role, l2) for role in ROLES}
        for n, g in enumerate(gs):
            if fold_of[g.doc] == k:
                probs[n] = (_probs(*models["actor"], g), _probs(*models["recipient"], g))
    return probs


def figures(gs: list[Group], choices: list[tuple[list[str], list[str]]]) -> dict:
    """Return actor, recipient and both-roles accuracy of these choices over the groups."""
    right = [_both_right(g, a, r) for g, (a, r) in zip(gs, choices, strict=True)]
    n = len(gs)
    return {"events": n, "actor": round(sum(a for a, _ in right) / n, 3),
            "recipient": round(sum(r for _, r in right) / n, 3), "both": round(sum(a and r for a, r in right) / n, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=SHIPPED_DIR)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--hold-out", nargs="*", default=[], metavar="SEED",
                    help="leave out these gold sets (roles-SEED.jsonl), to score a model on sets it has not seen")
    args = ap.parse_args(argv)
    gs, data = groups(args.shared, held_out=tuple(args.hold_out))
    rules = figures(gs, [rule_choice(g.cands) for g in gs])
    gated = [decides(g.role_rules, DECIDES_AFTER) for g in gs]
    print(f"rules alone: {rules}")
    best = None
    for l2 in L2_GRID:
        probs = cross_validate(gs, args.folds, l2)
        for ta, tr in itertools.product(THRESHOLDS, repeat=2):
            f = figures(gs, [decide(pa, pr, g.cands, ta, tr, g.gold.type in TWO_SIDED) if model_decides
                             else rule_choice(g.cands)
                             for (pa, pr), g, model_decides in zip(probs, gs, gated, strict=True)])
            key = (f["both"], f["actor"] + f["recipient"], -l2)
            if best is None or key > best[0]:
                best = (key, l2, ta, tr, f)
        print(f"l2={l2}: best so far {best[1:]}")
    _, l2, ta, tr, cv = best
    print(f"cross-validated ({args.folds}-fold by article): {cv} at l2={l2} thresholds actor {ta} recipient {tr}")
    weights = {}
    for role in ROLES:
        vocab, w = _fit_role(gs, role, l2)
        weights[role] = {f: round(float(w[j]), 4) for f, j in vocab.items() if abs(w[j]) >= MIN_WEIGHT}
    meta = {"format": FORMAT, "thresholds": {"actor": ta, "recipient": tr}, "l2": l2, "folds": args.folds,
            "decides_after": list(DECIDES_AFTER),
            "decided": sum(gated),
            "training_data": {"dir": "eval/roles-dev", **data, "events": len(gs),
                              "candidates": sum(len(g.cands) for g in gs),
                              "usable": {role: sum(1 for g in gs if g.right[role]) for role in ROLES}},
            "scores": {"rules_alone": rules, "cross_validated": cv}, "trainer": "scripts/train_roles.py"}
    write_weights_dir(args.out, meta, weights)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
