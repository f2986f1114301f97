"""Score who did what to whom on the role dev set (eval/roles-dev): event precision and recall, actor and
recipient accuracy, with a diff of every error.

    python scripts/roles_dev.py --shared ../shared                  # figures, then the error listing
    python scripts/roles_dev.py --shared ../shared --out report.md  # the same into a file
    python scripts/roles_dev.py --shared ../shared --json           # the figures as one JSON object
    python scripts/roles_dev.py --shared ../shared --rows eval/roles-dev/roles-10202.jsonl \
        --articles eval/roles-dev/articles-10202.tsv                 # another set of rows (fresh articles)

The set holds the 89 ANT middleEast articles of hand checks 6, 7 and 8 (`eval/roles-dev/articles.tsv`) and one
gold row per event (`eval/roles-dev/roles.jsonl`, conventions in docs/events.md, "Role dev set"). Articles are
read by id from ../shared and analysed as scripts/handcheck.py does.

Matching: an output event matches a gold row of the same article and type whose sentence (or one of its `also`
sentences) overlaps the output trigger's sentence; among candidates the nearest trigger wins, each row at most
once. An output left over with a true row in reach is a duplicate (the happening told again). Names: a gold name
matches an output name when, after `name_key`, dropping the article from each token and reading a nominative
plural or dual ending as the oblique («ـيون» as «ـيين»), the tokens of one contain all tokens of the other;
`country:XX` matches only itself. A gold item may list alternatives («A|B») and may be optional («?A»). A role
is right when every required gold item is matched by an output name and every output name matches some gold
item; a null gold role wants no output name.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.lexicon import default_lexicon
from marsad.model import Document
from marsad.text.normalize import name_key

DEV = Path(__file__).resolve().parents[1] / "eval" / "roles-dev"
ANT = Path("data") / "news" / "ant-2017-2018.jsonl.gz"
META_KEYS = ("id", "url", "outlet", "published", "title")
COUNTRY = "country:"
# the nominative and the oblique of a plural or dual group name («الحوثيون» / «الحوثيين») are one name
CASE_ENDINGS = (("يون", "يين"), ("يان", "يين"), ("تان", "تين"))


@dataclass
class Gold:
    """One gold row: an event of the text (or, with event False, an output that is no event)."""

    doc: str
    event: bool
    type: str
    spans: list[tuple[int, int]]
    trigger: str
    trigger_start: int
    actors: list[str] | None
    recipients: list[str] | None
    note: str = ""


@dataclass
class Out:
    """One output event, reduced to what the role scoring reads."""

    doc: str
    index: int
    type: str
    sentence: tuple[int, int]
    trigger: str
    trigger_start: int
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def load_dev(dev: Path = DEV, rows_file: Path | None = None,
             articles_file: Path | None = None) -> tuple[list[str], list[Gold]]:
    """Return the article ids and the gold rows of the role dev set (or of the given rows and articles files)."""
    articles_file = articles_file or dev / "articles.tsv"
    rows_file = rows_file or dev / "roles.jsonl"
    ids = [ln.split("\t")[0] for ln in articles_file.read_text(encoding="utf-8").splitlines()
           if ln.strip() and not ln.startswith("#")]
    rows = []
    for line in rows_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        spans = [tuple(r["sentence"])] + [tuple(s) for s in r.get("also", [])]
        rows.append(Gold(r["doc"], r["event"], r["type"], spans, r["trigger"], r["trigger_start"],
                         r.get("actors"), r.get("recipients"), r.get("note", "")))
    return ids, rows


def load_articles(shared: Path, ids: list[str]) -> dict[str, dict]:
    """Return the ANT records of these ids, read from ../shared."""
    wanted, found = set(ids), {}
    with gzip.open(shared / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec.get("id") in wanted:
                    found[rec["id"]] = rec
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"articles missing from {shared / ANT}: {sorted(missing)}")
    return found


def output_events(doc: Document) -> list[Out]:
    """Return the events of an analysed document with their trigger sentence and role names."""
    names = {e.id: e.name for e in doc.entities}
    out = []
    for k, ev in enumerate(doc.events, 1):
        t = ev.trigger or ev.evidence
        sent = next(((s.start, s.end) for s in doc.sentences if s.start <= t.start < s.end),
                    (ev.evidence.start, ev.evidence.end))
        out.append(Out(doc.id, k, ev.type, sent, doc.text[t.start:t.end], t.start,
                       [names.get(p, p) for p in ev.actors], [names.get(p, p) for p in ev.recipients]))
    return out


def analyse_all(records: dict[str, dict], ids: list[str]) -> list[Document]:
    """Return the analysed documents of the set's articles, in its order (as scripts/handcheck.py analyses them)."""
    docs = []
    for i in ids:
        rec = records[i]
        try:
            docs.append(analyse(rec["text"], {k: rec.get(k) for k in META_KEYS}))
        except InputError as err:
            raise SystemExit(f"{i} refused: {err.reason}") from err
    return docs


def _case_form(token: str) -> str:
    for nominative, oblique in CASE_ENDINGS:
        if token.endswith(nominative) and len(token) > len(nominative) + 1:
            return token[:-len(nominative)] + oblique
    return token


def _tokens(name: str) -> frozenset[str]:
    article = default_lexicon().clitics["article"][0]
    toks = name_key(name).split()
    return frozenset(_case_form(t[len(article):] if t.startswith(article) and len(t) > len(article) + 1 else t)
                     for t in toks)


def name_matches(gold: str, out: str) -> bool:
    """Return whether a gold name and an output name are the same party (rule in the module docstring)."""
    if gold.startswith(COUNTRY) or out.startswith(COUNTRY):
        return gold == out
    g, o = _tokens(gold), _tokens(out)
    return bool(g) and bool(o) and (g <= o or o <= g)


def _item(spec: str) -> tuple[list[str], bool]:
    # «?A|B» is optional; a «?» written inside («A|?B») marks nothing more and is not part of the name
    return [alt.lstrip("?") for alt in spec.lstrip("?").split("|")], spec.startswith("?")


def role_right(gold: list[str] | None, out: list[str]) -> bool:
    """Return whether an output role (names) equals a gold role (items with alternatives and optional ones)."""
    items = [_item(s) for s in gold or []]
    for alts, optional in items:
        if not optional and not any(name_matches(a, o) for a in alts for o in out):
            return False
    return all(any(name_matches(a, o) for alts, _ in items for a in alts) for o in out)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def candidates(golds: list[Gold], outs: list[Out]) -> list[tuple[int, int, int]]:
    """Return (trigger distance, output index, gold index) for each output and row of the same article and type
    whose sentences overlap the output trigger's sentence."""
    return [(abs(g.trigger_start - o.trigger_start), i, j) for i, o in enumerate(outs) for j, g in enumerate(golds)
            if g.doc == o.doc and g.type == o.type and any(_overlaps(s, o.sentence) for s in g.spans)]


def match(golds: list[Gold], outs: list[Out]) -> dict[int, int]:
    """Return {output index in outs: gold index in golds}: same article, type and sentence; nearest trigger."""
    pairs = candidates(golds, outs)
    taken_o, taken_g, out = set(), set(), {}
    for _, i, j in sorted(pairs):
        if i not in taken_o and j not in taken_g:
            taken_o.add(i)
            taken_g.add(j)
            out[i] = j
    return out


def retold_rows(golds: list[Gold], outs: list[Out]) -> dict[int, int]:
    """Return {output index: gold index} of the nearest true row in reach of each output: for an output left
    unmatched, the happening it tells again (another output already matched it)."""
    return {i: j for _, i, j in sorted(candidates(golds, outs), reverse=True) if golds[j].event}


def _share(n: int, d: int) -> dict:
    return {"n": n, "of": d, "value": round(n / d, 3) if d else 0.0}


def score(golds: list[Gold], outs: list[Out]) -> dict:
    """Return the figures and the per-event error rows of outputs against the gold rows."""
    pairs = match(golds, outs)
    true_rows = [j for j, g in enumerate(golds) if g.event]
    matched = {j: i for i, j in pairs.items() if golds[j].event}
    actor_ok = {j: role_right(golds[j].actors, outs[i].actors) for j, i in matched.items()}
    recip_ok = {j: role_right(golds[j].recipients, outs[i].recipients) for j, i in matched.items()}
    errors = []
    for j in true_rows:
        if j not in matched:
            errors.append(("missed", golds[j], None))
        elif not (actor_ok[j] and recip_ok[j]):
            errors.append(("roles", golds[j], outs[matched[j]]))
    retold = retold_rows(golds, outs)
    for i, o in enumerate(outs):
        if i in pairs and not golds[pairs[i]].event:
            errors.append(("no event", golds[pairs[i]], o))
        elif i not in pairs:
            errors.append(("duplicate", golds[retold[i]], o) if i in retold else ("unlisted", None, o))
    n = len(matched)
    figures = {
        "output_events": len(outs),
        "gold_events": len(true_rows),
        "precision": _share(n, len(outs)),
        "recall": _share(n, len(true_rows)),
        "actor_accuracy": _share(sum(actor_ok.values()), n),
        "recipient_accuracy": _share(sum(recip_ok.values()), n),
        "both_roles_right": _share(sum(actor_ok[j] and recip_ok[j] for j in matched), n),
        "not_events": sum(1 for i in pairs if not golds[pairs[i]].event),
        "duplicates": sum(1 for i in range(len(outs)) if i not in pairs and i in retold),
        "unlisted": sum(1 for i in range(len(outs)) if i not in pairs and i not in retold),
    }
    return {"figures": figures, "errors": errors}


def evaluate(shared: Path, dev: Path = DEV, rows_file: Path | None = None,
             articles_file: Path | None = None) -> dict:
    """Return `score` of the pipeline's output on the role dev set (or on the given rows and articles files)."""
    ids, golds = load_dev(dev, rows_file, articles_file)
    docs = analyse_all(load_articles(shared, ids), ids)
    return score(golds, [o for d in docs for o in output_events(d)])


def _role(items: list[str] | None) -> str:
    return "; ".join(items) if items else "—"


def _names(names: list[str]) -> str:
    return "; ".join(names) if names else "—"


def report(result: dict) -> str:
    """Return the markdown report: the figures table, then one line per error."""
    f = result["figures"]
    lines = ["# Role dev set", "", "| measure | value | count |", "|---|---:|---:|"]
    for key in ("precision", "recall", "actor_accuracy", "recipient_accuracy", "both_roles_right"):
        lines.append(f"| {key.replace('_', ' ')} | {f[key]['value']:.3f} | {f[key]['n']}/{f[key]['of']} |")
    lines += ["", f"{f['output_events']} output events, {f['gold_events']} gold events; of the outputs, "
              f"{f['not_events']} are gold non-events, {f['duplicates']} tell again an event another output "
              f"matched, {f['unlisted']} match no gold row.", "", "## Errors", ""]
    for kind, g, o in sorted(result["errors"], key=lambda e: ((e[1] or e[2]).doc, e[0])):
        doc = (g or o).doc
        if kind == "missed":
            lines.append(f"- {doc} MISSED {g.type} «{g.trigger}»@{g.trigger_start}: gold A [{_role(g.actors)}] "
                         f"R [{_role(g.recipients)}]")
        elif kind == "roles":
            lines.append(f"- {doc} E{o.index} {o.type} «{o.trigger}»@{o.trigger_start}: gold A [{_role(g.actors)}] "
                         f"R [{_role(g.recipients)}] | out A [{_names(o.actors)}] R [{_names(o.recipients)}]")
        elif kind == "no event":
            lines.append(f"- {doc} E{o.index} {o.type} «{o.trigger}»@{o.trigger_start}: NOT AN EVENT ({g.note})")
        elif kind == "duplicate":
            lines.append(f"- {doc} E{o.index} {o.type} «{o.trigger}»@{o.trigger_start}: DUPLICATE of the event "
                         f"«{g.trigger}»@{g.trigger_start}")
        else:
            lines.append(f"- {doc} E{o.index} {o.type} «{o.trigger}»@{o.trigger_start}: UNLISTED (no gold row) "
                         f"out A [{_names(o.actors)}] R [{_names(o.recipients)}]")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=None, help="write the markdown report here instead of stdout")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--rows", type=Path, default=None,
                    help="gold rows to score instead of eval/roles-dev/roles.jsonl (e.g. roles-10202.jsonl)")
    ap.add_argument("--articles", type=Path, default=None,
                    help="article ids instead of eval/roles-dev/articles.tsv (e.g. articles-10202.tsv)")
    args = ap.parse_args(argv)
    result = evaluate(args.shared, rows_file=args.rows, articles_file=args.articles)
    if args.json:
        print(json.dumps(result["figures"]))
        return 0
    text = report(result)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(text.split("## Errors")[0].rstrip())
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
