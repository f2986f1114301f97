"""Throughput and memory figures over the SaudiNewsNet benchmark file (12,644 articles).

Prints one line per stage: articles/s, MB/s, tokens/s and peak resident memory. The entity
stage also prints the tokens per second of CPU time and the seconds the hypervisor took from
this virtual machine meanwhile (steal), since shared machines drift by a third from hour to hour.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import get_pipeline
from marsad.ingest import iter_articles
from marsad.model import Document
from marsad.service import warm_pipeline
from marsad.text.clean import clean_text
from marsad.text.segment import segment


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def steal_seconds() -> float:
    """Return the CPU time the hypervisor has taken from this machine since boot (0 where not reported)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def load(path: Path, limit: int | None) -> tuple[list, float, int]:
    t0 = time.perf_counter()
    arts, skipped = [], 0
    for rec in iter_articles([str(path)]):
        if isinstance(rec, InputError):
            skipped += 1
            continue
        arts.append(rec)
        if limit and len(arts) >= limit:
            break
    return arts, time.perf_counter() - t0, skipped


def report(name: str, n: int, mb: float, seconds: float, tokens: int | None = None) -> None:
    extra = f", {tokens / seconds:,.0f} tokens/s" if tokens else ""
    print(f"{name:28s} {n:6d} articles in {seconds:7.2f} s: {n / seconds:8.1f} articles/s, "
          f"{mb / seconds:6.2f} MB/s{extra}; peak RSS {peak_mb():.0f} MB", flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--stages", default="text,entities,full")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    if not path.exists():
        print(f"benchmark data missing: {path}", file=sys.stderr)
        return 2
    arts, t_read, skipped = load(path, args.limit)
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6
    report("read JSONL", len(arts), mb, t_read)
    stages = args.stages.split(",")
    if "text" in stages:
        t0 = time.perf_counter()
        tokens = 0
        for a in arts:
            for s in segment(clean_text(a.text)):
                tokens += len(s.tokens)
        report("ingest+clean+segment", len(arts), mb, t_read + time.perf_counter() - t0, tokens)
    if "entities" in stages:
        # one article at a time, as the pipeline runs; only the entity components are timed (morphology,
        # lexicon phrases, NER, entity rules); holding every segmented article at once would time the
        # garbage collector's scans of them instead
        warm_pipeline()  # as the CLI and batch workers load it
        pipeline = get_pipeline()
        timed = {"morphology", "phrases", "ner", "entities"}
        tokens, seconds, cpu = 0, 0.0, 0.0
        stolen = steal_seconds()
        for a in arts:
            doc = Document(id=a.id or "", text=a.text, extra={"_meta": a.meta()})
            try:
                for c in pipeline.components:
                    if c.name in timed:
                        t0, c0 = time.perf_counter(), time.process_time()
                        c(doc)
                        seconds += time.perf_counter() - t0
                        cpu += time.process_time() - c0
                    elif c.name in ("clean", "metadata", "segment"):
                        c(doc)
            except InputError:
                continue
            tokens += sum(len(s.tokens) for s in doc.sentences)
        stolen = steal_seconds() - stolen
        report("entities (on segmented)", len(arts), mb, seconds, tokens)
        print(f"  {tokens / cpu:,.0f} tokens per CPU second; {stolen:.1f} s stolen by the hypervisor "
              f"during the whole stage ({len(arts)} articles, {tokens:,} tokens)")
    if "full" in stages:
        warm_pipeline()
        pipeline = get_pipeline()
        per_component: dict[str, float] = dict.fromkeys((c.name for c in pipeline.components), 0.0)
        t0, cpu0 = time.perf_counter(), time.process_time()
        failed = 0
        for a in arts:
            doc = Document(id=a.id or "", text=a.text, extra={"_meta": a.meta()})
            try:
                for c in pipeline.components:
                    c0 = time.process_time()
                    c(doc)
                    per_component[c.name] += time.process_time() - c0
            except InputError:
                failed += 1
        report("full pipeline (analyse)", len(arts), mb, time.perf_counter() - t0)
        cpu = time.process_time() - cpu0
        # CPU seconds: on a shared machine the wall clock measures the other jobs as much as Marsad
        print(f"  {len(arts) / cpu:.1f} articles per CPU second; load average {os.getloadavg()[0]:.1f}")
        print(f"  articles refused by analyse: {failed}; unreadable lines: {skipped}")
        total = sum(per_component.values()) or 1.0
        print("  CPU per component: " + ", ".join(f"{n} {secs:.1f} s ({secs / total:.0%})"
                                                  for n, secs in per_component.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
