import ast
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
