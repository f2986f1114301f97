"""The hand-check draw's command line (scripts/handcheck.py): every exclusion given is applied."""

from pathlib import Path

from scripts.handcheck import parser


def test_repeated_exclude_ids_add_up():
    # a shell loop writes the flag once per file; each file must count, not only the last
    args = parser().parse_args(["--exclude-ids", "a.tsv", "--exclude-ids", "b.tsv", "c.tsv"])
    assert args.exclude_ids == [Path("a.tsv"), Path("b.tsv"), Path("c.tsv")]
