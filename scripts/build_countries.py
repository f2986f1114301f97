"""Append to lexicon/countries.tsv the sovereign states it lacks, with their Arabic names from Unicode CLDR.

    python scripts/build_countries.py            # rewrites the compiled block at the end of countries.tsv

The hand-written rows (with nisbas) come first and are kept as they are; the compiled block after the
marker line holds one row per missing state (ISO code, CLDR Arabic name, nisba «-»: none known).
Source: the Unicode Common Locale Data Repository (CLDR) as shipped by the `babel` package,
licence Unicode-3.0. Dependent territories and non-state regions are left out; a one-word name also
gets its form with the article.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

MARKER = "# -- compiled by scripts/build_countries.py from Unicode CLDR (babel; licence Unicode-3.0): no nisba known --"
# ISO 3166 codes that are not states (regions, unions, dependencies) or whose Arabic name is a common word
ARTICLE = "\u0627\u0644"  # the Arabic article, as CLDR spells no name with it
SKIP = set("""AC AI AQ AS AW AX BL BM BQ BV CC CK CP CQ CW CX DG EA EU EZ FK FO GF GG GI GL GP GS GU HK HM IC IM IO
JE KY MF MO MP MQ MS NC NF NU PF PM PN PR QO RE SH SJ SX TA TC TF TK UM UN VG VI WF XA XB YT ZZ
BJ BZ CD CG TL""".split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=Path(__file__).parent.parent / "marsad" / "lexicon" / "countries.tsv")
    args = ap.parse_args()
    from babel import Locale

    lines = args.file.read_text(encoding="utf-8").splitlines()
    if MARKER in lines:
        lines = lines[:lines.index(MARKER)]
    have = {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    rows = []
    for code, name in sorted(Locale("ar").territories.items()):
        if len(code) != 2 or not code.isalpha() or code in have or code in SKIP:
            continue
        m = re.fullmatch(r"(.+?) \((.+)\)", name)  # «ميانمار (بورما)»: both names
        names = [m.group(1), m.group(2)] if m else [name]
        if " " not in names[0] and not names[0].startswith(ARTICLE):
            names.append(ARTICLE + names[0])  # «الباراغواي», «البيرو»: the press often adds the article
        rows.append(f"{code}\t{'|'.join(names)}\t-")
    args.file.write_text("\n".join([*lines, MARKER, *rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} states added")


if __name__ == "__main__":
    main()
