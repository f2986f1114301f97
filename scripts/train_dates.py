"""Train the date model (`marsad.extract.date_model`) on the hand-written dates of eval/roles-dev.

    python scripts/train_dates.py --shared ../shared [--out DIR] [--folds 5]
    python scripts/train_dates.py --shared ../shared --report-only      # the rules' figures and the CV, no model

The dates are the `date` / `date_precision` fields of `eval/roles-dev/places-SEED.jsonl` (see
scripts/train_places.py, which this trainer shares its data, cross-validation and choice with): the day, week,
month or year the happening took place as the article says it, resolved against the publication day, null when no
words of the article date it. An output date is right when it names that day (a day of that week; that month; that
year) at the gold's precision or finer, and right as none when the gold has none. The model is written with a
meta.json recording the data, the choice and the figures (default: the shipped directory, marsad/models/date-model/).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_places as tp  # noqa: E402

from marsad.extract.date_model import FORMAT, SHIPPED_DIR, DateOption, decide  # noqa: E402
from marsad.text.morphology import Morphology  # noqa: E402

NO_DATE = (None, "", "null")


def gold_date(gold: dict) -> tuple[str, str] | None:
    """Return (value, precision) of a gold annotation's date, or None when it has none."""
    if gold.get("date") in NO_DATE or gold.get("date_precision") in NO_DATE:
        return None
    return str(gold["date"]), str(gold["date_precision"])


def same_date(gold: tuple[str, str], value: str | None) -> bool:
    """Return whether an output date value names the gold date at the gold's precision."""
    day, precision = gold
    if not value:
        return False
    if precision == "week":
        try:
            return 0 <= (datetime.date.fromisoformat(value[:10]) - datetime.date.fromisoformat(day[:10])).days < 7
        except ValueError:
            return False
    return value[:len(day)] == day


def right_date(gold: dict, date: dict | None) -> bool:
    """Return whether an output date (None: no date) is right for a gold annotation."""
    want = gold_date(gold)
    value = (date or {}).get("value")
    return value is None if want is None else same_date(want, value)


def right_options(m: Morphology, gold: dict, opts: list[DateOption]) -> list[int]:
    """Return the options right for a gold annotation ("no date given" is 0)."""
    want = gold_date(gold)
    if want is None:
        return [0]
    return [n for n, o in enumerate(opts, 1) if same_date(want, o.time.value)]


def figures(m: Morphology, gs: list[tp.Group], chosen: list[dict | None]) -> dict:
    """Return the share of events whose date is right (none where the gold has none), and the accuracy over
    events the gold dates (the scorer's reading)."""
    ok = [right_date(g.gold, c) for g, c in zip(gs, chosen, strict=True)]
    dated = [o for g, o in zip(gs, ok, strict=True) if gold_date(g.gold)]
    return {"events": len(gs), "right": round(sum(ok) / len(gs), 3), "gold_dated": len(dated),
            "scorer_accuracy": round(sum(dated) / max(1, len(dated)), 3),
            "output_date_where_gold_none": sum(1 for g, c in zip(gs, chosen, strict=True)
                                               if c and not gold_date(g.gold))}


DATES = tp.Task("dates", __doc__.splitlines()[0], FORMAT, SHIPPED_DIR, right_options,
                lambda p, g, margin, remove, add: decide(p, g.opts, g.rule, margin, remove, add),
                figures, "scripts/train_dates.py")


def main(argv: list[str] | None = None) -> int:
    """Train the date model from the command line; return the exit status."""
    return tp.run(DATES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
