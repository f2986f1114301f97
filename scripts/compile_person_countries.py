"""Compile marsad/lexicon/person_countries.tsv from the UniversalPetrarch Arabic actor dictionary.

    python scripts/compile_person_countries.py --shared ../shared

The dictionary (actor_dict_ar_v4.txt, MIT, Open Event Data Alliance) lists actors as
underscore-joined Arabic names, each followed by CAMEO codes whose first three letters are a
state's ISO 3166 alpha-3 code, optionally with dates «[SAUGOV 20150123-18000101]»,
«[AREGOV >20041103]», «[EGYGOV <20110211]».
A person is kept when its name has two words or more and opens with a known given name or name
particle (so titles, groups and places are left out), and one state is named by the code of its
latest range. Names with codes for two states in their latest ranges are left out.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from marsad.lexicon import Lexicon
from marsad.text.normalize import name_key

ISO3 = {
    "EGY": "EG", "LBY": "LY", "SDN": "SD", "TUN": "TN", "DZA": "DZ", "MAR": "MA", "MRT": "MR", "SAU": "SA",
    "ARE": "AE", "QAT": "QA", "KWT": "KW", "BHR": "BH", "OMN": "OM", "YEM": "YE", "IRQ": "IQ", "SYR": "SY",
    "LBN": "LB", "JOR": "JO", "PSE": "PS", "SOM": "SO", "DJI": "DJ", "COM": "KM", "TUR": "TR", "IRN": "IR",
    "ISR": "IL", "USA": "US", "RUS": "RU", "CHN": "CN", "GBR": "GB", "FRA": "FR", "DEU": "DE", "ITA": "IT",
    "ESP": "ES", "GRC": "GR", "CYP": "CY", "MLT": "MT", "NLD": "NL", "BEL": "BE", "CHE": "CH", "AUT": "AT",
    "SWE": "SE", "NOR": "NO", "DNK": "DK", "POL": "PL", "UKR": "UA", "JPN": "JP", "KOR": "KR", "PRK": "KP",
    "IND": "IN", "PAK": "PK", "AFG": "AF", "BGD": "BD", "IDN": "ID", "MYS": "MY", "CAN": "CA", "BRA": "BR",
    "MEX": "MX", "AUS": "AU", "ETH": "ET", "ERI": "ER", "TCD": "TD", "NER": "NE", "MLI": "ML", "NGA": "NG",
    "SSD": "SS", "KEN": "KE", "ZAF": "ZA", "AZE": "AZ", "ARM": "AM", "GEO": "GE", "ALB": "AL", "SRB": "RS",
    "BIH": "BA", "VEN": "VE", "CUB": "CU", "ARG": "AR",
}
CODE = re.compile(r"\[([A-Z]{3})[A-Z]*(?:\s+([<>]?)(\d{8})(?:-\d{8})?)?\]")
HEADER = """# Well-known persons and the state each serves or belongs to (ISO 3166 alpha-2), one «name<TAB>iso» a line.
# COMPILED by scripts/compile_person_countries.py from the UniversalPetrarch Arabic actor dictionary
# (actor_dict_ar_v4.txt, MIT License, Copyright (c) 2016 Open Event Data Alliance): persons whose name
# opens with a known given name or particle, with the state of their latest CAMEO code. Do not edit by hand.
"""


def parse(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Return each actor name (spaces for underscores) with its (state alpha-3, start date) codes."""
    out: dict[str, list[tuple[str, str]]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith("\t"):
            head = line.split("[")[0].strip()
            if head:
                name = " ".join(head.replace("_", " ").split())
                out.setdefault(name, [])
        for m in CODE.finditer(line):
            if name:
                out[name].append((m.group(1), "0" if m.group(2) == "<" else m.group(3) or "0"))
    return out


def compile_table(path: Path, lex: Lexicon) -> dict[str, str]:
    particles = lex.words("name_particles")
    table: dict[str, str] = {}
    dropped: set[str] = set()
    for name, codes in parse(path).items():
        words = name.split()
        if len(words) < 2 or not (words[0] in lex.first_names or words[0] in particles):
            continue
        codes = [(ISO3[c], d) for c, d in codes if c in ISO3]
        if not codes:
            continue
        latest = max(d for _, d in codes)
        states = {iso for iso, d in codes if d == latest}
        key = name_key(name)
        if len(states) != 1 or key in dropped or table.get(key, next(iter(states))) != next(iter(states)):
            dropped.add(key)
            table.pop(key, None)
            continue
        table[key] = next(iter(states))
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True)
    lexicon_dir = Path(__file__).parents[1] / "marsad" / "lexicon"
    ap.add_argument("--out", type=Path, default=lexicon_dir / "person_countries.tsv")
    args = ap.parse_args(argv)
    table = compile_table(args.shared / "data" / "gazetteers" / "universalpetrarch_ar" / "actor_dict_ar_v4.txt",
                          Lexicon())
    body = "".join(f"{k}\t{v}\n" for k, v in sorted(table.items()))
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(table)} persons → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
