"""`marsad batch` and `marsad ingest --from`: partitions, result files and manifest, resuming, faults in one
partition or one article, and a Dask batch killed with SIGKILL that a re-run finishes with no duplicate."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad import service
from marsad.batch import BatchError, BatchOptions, load_manifest, run_batch
from marsad.batch.results import read_part
from marsad.cli import app
from marsad.store import Store
from tests.conftest import need_shared

runner = CliRunner()
PAGES = Path(__file__).parent / "fixtures" / "watch"
ROOT = Path(__file__).resolve().parents[1]


def _paragraphs() -> list[str]:
    out = []
    for name in ("a1.html", "a2.html", "a3.html"):
        out += re.findall(r"<p>(.*?)</p>", (PAGES / name).read_text(encoding="utf-8"))
    return out


def articles(n: int) -> list[str]:
    """Return n different Arabic articles made of the fixture pages' paragraphs."""
    paras = _paragraphs()
    return [" ".join(paras[(i + k) % len(paras)] for k in range(3)) + f" وقد شارك في الاجتماع {i + 2} وفدا."
            for i in range(n)]


def write_jsonl(path: Path, n: int, bad: dict[int, str] | None = None) -> list[str]:
    """Write n good article lines (ids g0…) and, at the given line numbers (0-based), these bad lines instead."""
    lines = []
    for i, text in enumerate(articles(n)):
        lines.append((bad or {}).get(i) or json.dumps({"id": f"g{i}", "text": text, "published": "2021-03-02"},
                                                      ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _options(**kw) -> BatchOptions:
    return BatchOptions(engine="local", **kw)


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_a_batch_writes_one_file_a_partition_and_a_manifest(tmp_path, fmt):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 10, {3: "{broken", 7: json.dumps({"id": "e", "text": "English only, no Arabic at all here."})})
    out = tmp_path / "out"
    report = run_batch([str(src)], out, _options(partition_size=4, fmt=fmt))
    assert (report.partitions, report.done_now, report.documents, len(report.skipped)) == (3, 3, 8, 2)
    assert report.complete and not report.failed
    m = load_manifest(out)
    assert m.items == 10 and m.complete()
    parts = [m.partitions[i] for i in range(3)]
    assert [(p.start, p.end) for p in parts] == [(0, 4), (4, 8), (8, 10)]
    assert parts[0].first_item == f"{src}:1" and parts[2].last_item == f"{src}:10"
    assert parts[0].skipped == [f"{src}:4: invalid JSON (Expecting property name enclosed in double quotes at "
                                f"column 2)"]
    assert parts[1].skipped[0].startswith(f"{src}:8: not Arabic text")
    rows = [r for p in parts for r in read_part(out / p.file)]
    assert [item for item, _ in rows] == [f"{src}:{n}" for n in (1, 2, 3, 5, 6, 7, 9, 10)]
    assert [d["id"] for _, d in rows] == ["g0", "g1", "g2", "g4", "g5", "g6", "g8", "g9"]
    assert sorted(p.name for p in out.iterdir()) == [".lock", "manifest.json"] + [f"part-0000{i}.{fmt}"
                                                                                   for i in range(3)]


def test_a_second_run_skips_finished_partitions_and_refuses_other_settings(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 6)
    out = tmp_path / "out"
    run_batch([str(src)], out, _options(partition_size=2))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    again = run_batch([str(src)], out, _options(partition_size=2))
    assert (again.resumed, again.done_now, again.documents, again.complete) == (3, 0, 0, True)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")} == stamps
    with pytest.raises(BatchError, match="partition_size 2 there, 3 now"):
        run_batch([str(src)], out, _options(partition_size=3))
    src.write_text(src.read_text(encoding="utf-8") + src.read_text(encoding="utf-8").splitlines()[0] + "\n",
                   encoding="utf-8")
    with pytest.raises(BatchError, match="input files changed"):
        run_batch([str(src)], out, _options(partition_size=2))


def test_a_failed_partition_is_recorded_the_rest_go_on_and_a_rerun_finishes_it(tmp_path, monkeypatch):
    import marsad.batch.worker as worker

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 6)
    out = tmp_path / "out"
    real = worker.write_part

    def disk_full_once(path, rows, fmt):
        if path.name.startswith("part-00001"):
            raise OSError(28, "No space left on device")
        return real(path, rows, fmt)

    monkeypatch.setattr(worker, "write_part", disk_full_once)
    report = run_batch([str(src)], out, _options(partition_size=2))
    assert report.done_now == 2 and len(report.failed) == 1 and not report.complete
    assert "partition 1" in report.failed[0] and "No space left" in report.failed[0]
    assert load_manifest(out).partitions[1].status == "failed"
    loaded = service.ingest_results(out, Store(f"sqlite:///{tmp_path / 'early.db'}"),
                                    service.IngestOptions(resolve=False))
    assert len(loaded.added) == 4 and any("partition 1" in s and "not finished" in s for s in loaded.skipped)
    monkeypatch.setattr(worker, "write_part", real)
    again = run_batch([str(src)], out, _options(partition_size=2))
    assert (again.resumed, again.done_now, again.complete) == (2, 1, True)


def test_an_internal_error_on_one_article_skips_that_article_only(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 4)
    real = service.extract

    def faulty(records, published=None, config=None):
        for a in real(records, published, config):
            if a.source_id == "g2":
                raise IndexError("list index out of range")
            yield a

    monkeypatch.setattr(service, "extract", faulty)
    report = run_batch([str(src)], tmp_path / "out", _options(partition_size=4))
    assert report.documents == 3 and report.skipped == [f"{src}:3: internal error (IndexError: list index out of "
                                                        "range)"]


def test_ingest_from_stores_what_ingest_stores_then_resolves_once(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 8, {5: "[1, 2]"})
    out = tmp_path / "out"
    batch = runner.invoke(app, ["batch", str(src), "--out", str(out), "--engine", "local", "--partition-size", "3",
                                "-q"])
    assert batch.exit_code == 1, batch.output  # an item was skipped
    assert f"skipped {src}:6: a JSONL line must be an object" in batch.stderr
    assert "3 partitions: 0 done before, 3 done now, 0 failed; 7 documents, 1 skipped" in batch.stdout
    assert f"marsad ingest --from {out}" in batch.stdout
    db_batch, db_direct = tmp_path / "b.db", tmp_path / "d.db"
    loaded = runner.invoke(app, ["ingest", "--from", str(out), "--db", str(db_batch), "-q"])
    assert loaded.exit_code == 1
    assert "added 7, updated 0, unchanged 0, skipped 1" in loaded.stdout and "resolved" in loaded.stdout
    assert f"skipped {src}:6: a JSONL line must be an object" in loaded.stderr
    direct = runner.invoke(app, ["ingest", str(src), "--db", str(db_direct), "-q"])
    assert direct.exit_code == 1
    a, b = Store(f"sqlite:///{db_batch}"), Store(f"sqlite:///{db_direct}")
    assert a.count() == b.count()
    for row in b.documents():
        assert a.document(row.id).to_dict() == b.document(row.id).to_dict()
    assert service.actors(a).total == service.actors(b).total > 0
    again = runner.invoke(app, ["ingest", "--from", str(out), "--db", str(db_batch), "-q"])
    assert "added 0, updated 0, unchanged 7, skipped 1" in again.stdout
    assert runner.invoke(app, ["ingest", "--from", str(tmp_path), "--db", str(db_batch)]).exit_code == 2
    assert runner.invoke(app, ["ingest", str(src), "--from", str(out), "--db", str(db_batch)]).exit_code == 2


def _manifest_counts(out: Path) -> dict | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    except (OSError, ValueError, KeyError):
        return None


@pytest.mark.slow
def test_a_dask_batch_killed_with_sigkill_is_finished_by_a_rerun_without_duplicates(tmp_path):
    news = need_shared("data", "news", "saudinewsnet-2015-07.jsonl")
    src = tmp_path / "news.jsonl"
    with news.open(encoding="utf-8") as fh:
        src.write_text("".join(next(fh) for _ in range(120)), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "marsad", "batch", str(src), "--out", str(out), "--workers", "2",
           "--partition-size", "4", "-q"]
    env = os.environ | {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            counts = _manifest_counts(out)
            if counts and counts["done"] >= 3 or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before it could be killed: " + proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)  # the driver only: its workers must notice and go
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdout.close()
        proc.stderr.close()
    killed = _manifest_counts(out)
    assert 3 <= killed["done"] < 30, killed
    time.sleep(2)  # let the orphaned workers see their scheduler gone
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"30 partitions: {killed['done']} done before, {30 - killed['done']} done now, 0 failed" in done.stdout
    m = load_manifest(out)
    assert m.complete() and m.items == 120 and len(m.partitions) == 30
    items = [item for p in m.partitions.values() for item, _ in read_part(out / p.file)]
    items += [line.split(": ", 1)[0] for p in m.partitions.values() for line in p.skipped]
    assert sorted(items) == sorted(f"{src}:{n}" for n in range(1, 121))  # each article once: no duplicate
    assert not list(out.glob(".*.tmp"))
