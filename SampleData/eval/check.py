#!/usr/bin/env python3
"""Consistency checks for the Vigil evaluation files (standard library only).

Usage:  python3 SampleData/eval/check.py [--stats] [FILE ...]

Without FILE arguments it checks dev.jsonl, test.jsonl, dev2.jsonl, dev3.jsonl, test2.jsonl, test3.jsonl, test4.jsonl, test5.jsonl and test6.jsonl next to this
script and every ../train/*.jsonl. Held-out files (../heldout/) are checked only when named, and their
texts are never printed: a near duplicate shows the held-out side as file:line only.
Checks, per file:
  - every line is valid JSON, an object with exactly the keys id, text, labels, kind, in that order
  - ids are unique, numbered in increasing file order with the file's prefix (dev-0001, test-0001,
    dev2-0001 ...); a gap is allowed where a line was removed, so the other ids stay stable
  - kind is one of the allowed kinds, labels only from the 7 harmful labels, no repeated label
  - labels is non-empty iff kind == "hate", and has 0-2 items
  - text has 5-45 words (whitespace-separated)
and over all files together:
  - no exact duplicate texts (case- and whitespace-insensitive)
  - no near duplicates: token SequenceMatcher ratio >= 0.75 or token-set Jaccard >= 0.7
Exits 1 if anything fails.  --stats also prints counts per kind and label per file.
"""
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

KEYS = ["id", "text", "labels", "kind"]
LABELS = ["dehumanization", "victimhood", "enemy_labeling", "violence_call",
          "us_vs_them", "threat_conspiracy", "derogation"]
KINDS = ["hate", "counter_speech", "reported", "news_violence", "idiom",
         "neutral_mention", "offensive"]
MIN_WORDS, MAX_WORDS = 5, 45
RATIO_MAX, JACCARD_MAX = 0.75, 0.7
DEFAULT_FILES = ["dev.jsonl", "test.jsonl", "dev2.jsonl", "dev3.jsonl", "test2.jsonl", "test3.jsonl", "test4.jsonl", "test5.jsonl", "test6.jsonl", "test7.jsonl"]

TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")


def tokens(text):
    return TOKEN.findall(text.lower())


def check_file(path, errors):
    prefix = path.name.split(".")[0]
    rows = []
    last_number = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{path.name}:{n}"
            if not line.strip():
                errors.append(f"{where}: empty line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            if list(obj.keys()) != KEYS:
                errors.append(f"{where}: keys {list(obj.keys())}, expected {KEYS}")
                continue
            rid, text, labels, kind = (obj[k] for k in KEYS)
            m = re.fullmatch(re.escape(prefix) + r"-(\d{4})", rid) if isinstance(rid, str) else None
            if m is None:
                errors.append(f"{where}: id {rid!r}, expected {prefix}-NNNN")
            elif int(m.group(1)) <= last_number:
                errors.append(f"{where}: id {rid!r} does not follow {prefix}-{last_number:04d}")
            else:
                last_number = int(m.group(1))
            if not isinstance(text, str):
                errors.append(f"{where}: text is not a string")
                text = str(text)
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r}")
            if not isinstance(labels, list):
                errors.append(f"{where}: labels is not a list")
                labels = []
            for lab in labels:
                if lab not in LABELS:
                    errors.append(f"{where}: unknown label {lab!r}")
            if len(set(map(str, labels))) != len(labels):
                errors.append(f"{where}: repeated label")
            if len(labels) > 2:
                errors.append(f"{where}: {len(labels)} labels (max 2)")
            if (kind == "hate") != bool(labels):
                errors.append(f"{where}: kind {kind!r} with labels {labels}")
            words = len(text.split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                errors.append(f"{where}: {words} words (allowed {MIN_WORDS}-{MAX_WORDS})")
            rows.append({"where": where, "id": rid, "text": text, "labels": labels,
                         "kind": kind, "words": words, "heldout": path.parent.name == "heldout"})
    ids = Counter(r["id"] for r in rows)
    for rid, c in ids.items():
        if c > 1:
            errors.append(f"{path.name}: id {rid!r} appears {c} times")
    return rows


def shown(row):
    """A row's place and text; a held-out row's text is never printed (nobody tuning may read it)."""
    return row["where"] + ("" if row["heldout"] else f" {row['text']!r}")


def check_duplicates(rows, errors):
    seen = {}
    for r in rows:
        key = " ".join(r["text"].lower().split())
        if key in seen:
            errors.append(f"{r['where']}: exact duplicate of {seen[key]}" + ("" if r["heldout"] else f" {r['text']!r}"))
        else:
            seen[key] = r["where"]
    toks = [tokens(r["text"]) for r in rows]
    sets = [set(t) for t in toks]
    near = 0
    for i in range(len(rows)):
        sm = difflib.SequenceMatcher(autojunk=False)
        sm.set_seq2(toks[i])
        for j in range(i):
            a, b = sets[i], sets[j]
            jac = len(a & b) / len(a | b) if a | b else 1.0
            sm.set_seq1(toks[j])
            ratio = 0.0
            if sm.real_quick_ratio() >= RATIO_MAX and sm.quick_ratio() >= RATIO_MAX:
                ratio = sm.ratio()
            if ratio >= RATIO_MAX or jac >= JACCARD_MAX:
                near += 1
                errors.append(f"near duplicate (ratio {ratio:.2f}, jaccard {jac:.2f}): "
                              f"{shown(rows[j])} ~ {shown(rows[i])}")
    return near


def stats(path, rows):
    kinds = Counter(r["kind"] for r in rows)
    labs = Counter(l for r in rows for l in r["labels"])
    nlab = Counter(len(r["labels"]) for r in rows)
    hate_long = sum(1 for r in rows if r["kind"] == "hate" and r["words"] > 20)
    words = [r["words"] for r in rows]
    print(f"{path.name}: {len(rows)} utterances, words {min(words)}-{max(words)}, "
          f"hate lines > 20 words: {hate_long}")
    print("  kinds:  " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    print("  labels: " + ", ".join(f"{l} {labs[l]}" for l in LABELS)
          + f" (sum {sum(labs.values())})")
    print(f"  utterances with 0/1/2 labels: {nlab[0]}/{nlab[1]}/{nlab[2]}")


def main(argv):
    show = "--stats" in argv
    names = [a for a in argv if a != "--stats"]
    here = Path(__file__).resolve().parent
    paths = [Path(a) for a in names] if names else [here / n for n in DEFAULT_FILES] + sorted((here.parent / "train").glob("*.jsonl"))
    errors, all_rows = [], []
    for p in paths:
        if not p.exists():
            errors.append(f"{p}: missing")
            continue
        rows = check_file(p, errors)
        all_rows.extend(rows)
        if show and rows:
            stats(p, rows)
        print(f"{p.name}: {len(rows)} lines read")
    near = check_duplicates(all_rows, errors)
    pairs = len(all_rows) * (len(all_rows) - 1) // 2
    print(f"near-duplicate scan: {len(all_rows)} texts, {pairs} pairs, "
          f"{near} at ratio >= {RATIO_MAX} or jaccard >= {JACCARD_MAX}")
    for e in errors:
        print("FAIL " + e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
