"""Run NER network experiments on a GPU machine: masked-word pretraining and a config sweep.

Reads a carried folder (`--data`) holding train.conll, vectors.npz (the news word vectors,
top rows) and news.txt.xz (news sentences as word keys, one per line), so it needs no
../shared. `dev` trains on the first five sixths of train.conll, logs network F1 on the
held-out tail and writes cross-validated tags for `scripts/ner_dev.py --net-cache`; `full`
trains the shipped network and its cross-validated tags on all of train.conll.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONFIGS = {  # name: (hidden width, pretrained)
    "base200": (200, False), "h128": (128, False), "mlm200": (200, True), "mlm128": (128, True),
}


def _setup(data: Path, hidden: int):
    from marsad.ner import train, train_neural
    from marsad.ner.conll import read_conll

    train.VECTORS_CACHE = data / "vectors.npz"
    train_neural.HIDDEN = hidden
    return train_neural, list(read_conll(data / "train.conll"))


def _part(sents, which: str):
    cut = len(sents) * 5 // 6
    return (sents[:cut], sents[cut:]) if which == "dev" else (sents, [])


def job(args) -> None:
    import torch

    from marsad.text.normalize import norm_char_key

    data = Path(args.data)
    tn, sents = _setup(data, args.hidden)
    train_part, dev = _part(sents, args.part)
    init = torch.load(args.init) if args.init else None
    out = Path(args.out)
    if args.kind == "pretrain":
        with lzma.open(data / "news.txt.xz", "rt", encoding="utf-8") as fh:
            news = [line.split() for line in fh]
        keys = [[norm_char_key(w) for w in s] for s, _ in sents]
        state = tn.pretrain_masked_words(news, data, keys, seconds=args.seconds, workers=args.workers)
        torch.save(state, out)
    elif args.kind == "fit":
        with open(out.with_suffix(".log"), "w") as log:
            tn.fit(train_part, data, out, dev_sents=dev or None, init=init,
                   log=lambda line: (log.write(line + "\n"), log.flush()))
    else:  # one fold of the cross-validated tags
        from marsad.ner.train import contiguous_folds

        held = contiguous_folds(len(train_part), args.folds)[args.fold]
        held_set = set(held)
        net = out.with_suffix(".npz")
        tn.fit([s for i, s in enumerate(train_part) if i not in held_set], data, net, log=lambda _: None, init=init)
        tags = tn.tag_words(net, [train_part[i][0] for i in held])
        out.write_text(json.dumps(dict(zip(map(str, held), tags, strict=True))))
        net.unlink()


def _run_all(cmds: list[list[str]], log_dir: Path) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    procs = []
    for i, c in enumerate(cmds):
        err = open(log_dir / f"job{len(list(log_dir.glob('job*.err')))}-{i}.err", "w")
        procs.append(subprocess.Popen([sys.executable, __file__, "job", *c], env=env, stderr=err, stdout=err))
    for p in procs:
        p.wait()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    j = sub.add_parser("job")
    j.add_argument("kind", choices=["pretrain", "fit", "fold"])
    j.add_argument("--data", required=True)
    j.add_argument("--hidden", type=int, default=200)
    j.add_argument("--part", default="dev")
    j.add_argument("--init", default="")
    j.add_argument("--out", required=True)
    j.add_argument("--fold", type=int, default=0)
    j.add_argument("--folds", type=int, default=3)
    j.add_argument("--seconds", type=float, default=180)
    j.add_argument("--workers", type=int, default=7)
    r = sub.add_parser("run")
    r.add_argument("part", choices=["dev", "full"])
    r.add_argument("--data", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--configs", default=",".join(CONFIGS))
    r.add_argument("--seconds", type=float, default=180)
    r.add_argument("--pretrained", default="", help="folder holding pre-<hidden>.pt from an earlier run")
    args = ap.parse_args(argv)
    if args.cmd == "job":
        job(args)
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = args.configs.split(",")
    t0 = time.time()
    pre_dir = Path(args.pretrained) if args.pretrained else out
    need = sorted({CONFIGS[n][0] for n in names if CONFIGS[n][1]} - {
        int(p.stem.split("-")[1]) for p in pre_dir.glob("pre-*.pt")})
    workers = max(1, 14 // max(1, len(need)))
    _run_all([["pretrain", "--data", args.data, "--hidden", str(h), "--seconds", str(args.seconds),
               "--workers", str(workers), "--out", str(out / f"pre-{h}.pt")] for h in need], out)
    print(f"pretraining done {time.time() - t0:.0f}s", flush=True)
    cmds = []
    for n in names:
        h, pre = CONFIGS[n]
        common = ["--data", args.data, "--hidden", str(h), "--part", args.part]
        if pre:
            p = out / f"pre-{h}.pt"
            common += ["--init", str(p if p.exists() else pre_dir / f"pre-{h}.pt")]
        cmds.append(["fit", *common, "--out", str(out / f"{n}.npz")])
        cmds += [["fold", *common, "--fold", str(f), "--out", str(out / f"{n}-fold{f}.json")] for f in range(3)]
    _run_all(cmds, out)
    for n in names:
        merged: dict[str, list[str]] = {}
        for f in range(3):
            part = out / f"{n}-fold{f}.json"
            if part.exists():
                merged.update(json.loads(part.read_text()))
                part.unlink()
        if len(merged):
            (out / f"{n}-cv.json").write_text(json.dumps([merged[str(i)] for i in range(len(merged))]))
        log = out / f"{n}.log"
        print(n, log.read_text().strip().splitlines()[-1] if log.exists() else "no log", flush=True)
    print(f"all done {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
