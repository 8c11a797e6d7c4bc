"""Measures what Spark costs resalign: pairs/s and MB/s of the same pairs through `resalign batch`
on its own, through one `resalign batch --stdin` pipe (paths, then the documents' text inline as
JSON), and through the Spark job in local mode (both ways of sending documents), in one run.

    python3 examples/spark/bench.py [--corpus ../shared/corpus/unxml] [--copies 1,5]
        [--repeat 3] [--resalign target/release/resalign] [--master local[2]]

"Copies" is the corpus's pair list N times over under different ids (`copy3/GA/75session/75_100`),
so that fixed costs (starting the JVM, scheduling tasks) weigh less. Times are medians of
--repeat rounds, each of which runs every configuration once. For the Spark job two times are given: the job itself, from the Spark session
being ready to the output written (what a long job on a cluster pays per pair), and the whole
spark-submit, JVM start-up included. MB counts the input files of both sides, as
`resalign batch` does.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JOB_TIME = re.compile(r" failed, in ([0-9.]+) s on ")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus/unxml")
    parser.add_argument("--copies", default="1,5")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--resalign", default="target/release/resalign")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--spark-submit", default="spark-submit")
    return parser.parse_args()


def listed_pairs(resalign, corpus):
    listing = subprocess.run(
        [resalign, "batch", ".", "--list-pairs"], cwd=corpus, check=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    rows = listing.stdout.decode("utf-8").splitlines()[1:]
    return [row.split("\t") for row in rows]


def timed(command, **options):
    started = time.monotonic()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)
    seconds = time.monotonic() - started
    if run.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({run.returncode}):\n{run.stderr.decode()[-3000:]}")
    return seconds, run.stdout.decode("utf-8", "replace")


def main():
    options = arguments()
    resalign = os.path.abspath(options.resalign)
    corpus = os.path.abspath(options.corpus)
    pairs = listed_pairs(resalign, corpus)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    print(f"{'configuration':<44} {'pairs':>6} {'MB':>7} {'seconds':>8} {'pairs/s':>8} "
          f"{'MB/s':>7} {'batch=1':>8}")
    for copies in [int(value) for value in options.copies.split(",")]:
        with tempfile.TemporaryDirectory(prefix="resalign-spark-bench-") as scratch:
            measure(options, resalign, corpus, pairs, copies, scratch)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def measure(options, resalign, corpus, pairs, copies, scratch):
    entries = [
        (f"copy{copy}/{pair_id}" if copies > 1 else pair_id, en, es)
        for copy in range(copies) for pair_id, en, es in pairs
    ]
    megabytes = sum(
        os.path.getsize(os.path.join(corpus, side)) for _, en, es in entries for side in (en, es)
    ) / 1e6
    manifest = os.path.join(scratch, "pairs.jsonl")
    with open(manifest, "w", encoding="utf-8") as out:
        for pair_id, en, es in entries:
            full = [os.path.normpath(os.path.join(corpus, side)) for side in (en, es)]
            out.write(json.dumps({"id": pair_id, "en": full[0], "es": full[1]}) + "\n")
    path_lines = os.path.join(scratch, "paths.jsonl")
    text_lines = os.path.join(scratch, "text.jsonl")
    with open(path_lines, "w", encoding="utf-8") as paths, \
            open(text_lines, "w", encoding="utf-8") as texts:
        for pair_id, en, es in entries:
            full = [os.path.normpath(os.path.join(corpus, side)) for side in (en, es)]
            paths.write(json.dumps({"id": pair_id, "en": full[0], "es": full[1]}) + "\n")
            text = [open(side, encoding="utf-8").read() for side in full]
            texts.write(json.dumps({"id": pair_id, "en": {"text": text[0]},
                                    "es": {"text": text[1]}}, ensure_ascii=False) + "\n")

    def batch(run):
        out = os.path.join(scratch, f"batch-{run}")
        return timed([resalign, "batch", "--manifest", manifest, "--out", out, "--quiet",
                      "--no-timings"], cwd=corpus)[0]

    def pipe(lines):
        def run(_):
            with open(lines, "rb") as given:
                return timed([resalign, "batch", "--stdin", "--quiet", "--no-timings"],
                             stdin=given)[0]
        return run

    def spark(documents):
        def run(index):
            out = os.path.join(scratch, f"spark-{documents}-{index}")
            wall, printed = timed([
                options.spark_submit, "--master", options.master,
                "--conf", "spark.ui.enabled=false",
                os.path.join(HERE, "align_corpus.py"), corpus, out,
                "--pairs", manifest, "--documents", documents, "--resalign", resalign,
                "--no-timings", "--partitions", "8",
            ], env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
            job = JOB_TIME.search(printed)
            if job is None:
                sys.exit(f"the Spark job gave no closing line:\n{printed[-3000:]}")
            return float(job.group(1)), wall
        return run

    rows = [
        ("resalign batch --manifest", batch),
        ("resalign batch --stdin, paths", pipe(path_lines)),
        ("resalign batch --stdin, text inline", pipe(text_lines)),
        ("Spark job, --documents paths", spark("paths")),
        ("Spark job, --documents text", spark("text")),
    ]
    # Each round runs every configuration once, so that a change in the machine's load between
    # rounds weighs on all of them alike.
    times = {name: [] for name, _ in rows}
    for index in range(options.repeat):
        for name, run in rows:
            times[name].append(run(index))
    baseline = statistics.median(times[rows[0][0]])
    for name, _ in rows:
        if isinstance(times[name][0], tuple):
            job = statistics.median(time for time, _ in times[name])
            wall = statistics.median(wall for _, wall in times[name])
            report(f"{name}: job", len(entries), megabytes, job, baseline)
            report(f"{name}: spark-submit", len(entries), megabytes, wall, baseline)
        else:
            report(name, len(entries), megabytes, statistics.median(times[name]), baseline)


def report(name, pairs, megabytes, seconds, baseline):
    print(f"{name:<44} {pairs:>6} {megabytes:>7.1f} {seconds:>8.2f} {pairs / seconds:>8.1f} "
          f"{megabytes / seconds:>7.1f} {seconds / baseline:>7.2f}x", flush=True)


if __name__ == "__main__":
    main()
