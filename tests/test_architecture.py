import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "marsad"
FORBIDDEN = ("marsad.store", "marsad.api", "marsad.batch", "marsad.cli", "marsad.ingest", "sqlalchemy")


def test_the_pure_core_imports_no_io_layer():
    for folder in ("extract", "text", "lexicon", "ner"):
        for path in (PKG / folder).rglob("*.py"):
            if path.name in ("train.py", "evaluate.py"):
                continue  # training and evaluation tools read files by design
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for n in names:
                    assert not n.startswith(FORBIDDEN), f"{path.name} imports {n}"


ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A]")  # letters (tatweel and marks are not words)


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """Return (line, literal) for each string literal with an Arabic letter (docstrings excepted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstring_ids(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and ARABIC_LETTER.search(n.value)]


def test_no_arabic_word_in_python_code():
    """All Arabic word knowledge lives in marsad/lexicon data files, none in code (comments and docstrings aside)."""
    found = [f"{path.relative_to(PKG.parent)}:{line}: {value[:40]!r}"
             for path in sorted(PKG.rglob("*.py")) for line, value in arabic_literals(path)]
    assert not found, "Arabic literals in code (move them to a marsad/lexicon data file):\n" + "\n".join(found)


def test_the_literal_scan_sees_literals(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""Docstring «مصر» is fine."""\nWORDS = {"قال", "أكد"}  # «تعليق» fine\nX = "\\u0640"\n',
                   encoding="utf-8")
    assert sorted(v for _, v in arabic_literals(bad)) == ["أكد", "قال"]


def test_every_lexicon_file_says_what_it_holds():
    lexicon = PKG / "lexicon"
    for path in sorted(lexicon.iterdir()):
        if path.suffix in (".txt", ".tsv", ".patterns"):
            assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} lacks a header comment"
