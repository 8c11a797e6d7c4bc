"""Aligns a corpus of English/Spanish UN resolutions on Apache Spark: the executors pipe the pairs
through `resalign batch --stdin`, and the results are written as JSON Lines.

    spark-submit [--master MASTER] align_corpus.py CORPUS OUTPUT [--partitions N]
        [--documents text|paths] [--pairs MANIFEST] [--resalign COMMAND] [--no-timings]

CORPUS is the corpus folder: a local path, or any URI Spark reads (hdfs://, s3a://) when the pairs
come from --pairs. Without --pairs the driver asks `resalign batch CORPUS --list-pairs` for the
pairs, which needs CORPUS on the driver's file system. MANIFEST is JSON Lines
(`{"id", "en", "es"}`) or TSV (`id<TAB>en<TAB>es`, as --list-pairs prints), paths relative to
CORPUS; a line that is not a pair is passed on to resalign, which reports it as a failed pair.

--documents text (the default): Spark reads the documents and puts their text in the RDD, so the
executors need no shared file system. A document that is missing or not UTF-8 cannot travel as
JSON text: its path is sent instead, and resalign reports why it cannot be read.
--documents paths: only paths travel, and every executor reads the files itself, so CORPUS must be
a folder every executor sees at the same path (NFS, Lustre, one machine).

OUTPUT (which must not exist yet) receives one folder per kind of line, each of part files to
concatenate in name order, which gives the lines of `resalign batch --out` in its order:
    file=links/      one line per link, as links.jsonl
    file=findings/   one line per finding, as findings.jsonl
    file=documents/  one line per aligned pair, as documents.jsonl
    file=failed/     one line per pair that failed, as documents.jsonl (its "error" says why)

A resalign process that dies (killed, out of memory) fails its task, which Spark then retries;
exit status 1 only means that some pairs failed, and those are in file=failed/.
"""

import argparse
import collections
import itertools
import json
import os
import posixpath
import re
import shlex
import subprocess
import sys
import threading
import time
import urllib.parse

# What `resalign batch --stdin` puts in front of every line it writes: the record tag, first.
RECORD_TAG = re.compile(r'^\{"record":"(link|finding|document)",')
FOLDER_OF_RECORD = {"link": "links", "finding": "findings"}
# resalign's exit statuses that mean "done": 0 every pair aligned, 1 some pairs failed.
DONE = (0, 1)


class ProtocolError(RuntimeError):
    """resalign's output is not what this job understands: a different pipe protocol."""


class ResalignDied(RuntimeError):
    """The resalign process ended before answering every pair; Spark retries the task."""


def arguments(argv):
    parser = argparse.ArgumentParser(
        description="Align an English/Spanish corpus with resalign on Spark."
    )
    parser.add_argument("corpus", help="the corpus folder (local path or Spark-readable URI)")
    parser.add_argument("output", help="the output folder, which must not exist")
    parser.add_argument(
        "--partitions", type=int, default=None,
        help="how many tasks to split the pairs into [default: Spark's default parallelism]",
    )
    parser.add_argument(
        "--documents", choices=["text", "paths"], default="text",
        help="send the documents' text through the RDD, or only their paths",
    )
    parser.add_argument(
        "--pairs", metavar="MANIFEST",
        help="the pairs, JSON Lines or TSV, paths relative to CORPUS [default: "
        "`resalign batch CORPUS --list-pairs`]",
    )
    parser.add_argument(
        "--resalign", default="resalign", metavar="COMMAND",
        help="the resalign command on the executors, e.g. ./resalign when shipped with --files",
    )
    parser.add_argument(
        "--no-timings", action="store_true",
        help="leave times out of the document lines, so that runs compare byte for byte",
    )
    return parser.parse_args(argv)


# One line of the pair list: its number in the list (from 1), and the pair (id and the two
# paths relative to the corpus) or, for a line that is not a pair, the line itself.
Entry = collections.namedtuple("Entry", "number id en es line")


def entries_of_manifest(lines):
    """The entries of a manifest's lines: JSON Lines, or TSV with an optional header."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) == 3 and not line.lstrip().startswith("{"):
            if number == 1 and fields == ["id", "en", "es"]:
                continue
            yield Entry(number, *fields, None)
            continue
        try:
            pair = json.loads(line)
        except ValueError:
            pair = None
        if isinstance(pair, dict):
            sides = [path_of(pair.get(side)) for side in ("en", "es")]
            if isinstance(pair.get("id"), str) and None not in sides:
                yield Entry(number, pair["id"], *sides, None)
                continue
        yield Entry(number, None, None, None, line)


def path_of(side):
    """A side of a manifest line given as a path (`"a.xml"` or `{"path": "a.xml"}`), else None."""
    if isinstance(side, dict) and list(side) == ["path"]:
        side = side["path"]
    return side if isinstance(side, str) else None


def listed_pairs(corpus, resalign):
    """The pairs `resalign batch --list-pairs` finds in a local corpus, paths relative to it."""
    command = shlex.split(resalign) + ["batch", ".", "--list-pairs"]
    listing = subprocess.run(
        command, cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False
    )
    sys.stderr.write(listing.stderr.decode("utf-8", "replace"))
    if listing.returncode != 0:
        raise SystemExit(f"resalign could not list the pairs of {corpus} "
                         f"(exit status {listing.returncode})")
    return list(entries_of_manifest(listing.stdout.decode("utf-8").splitlines()))


def resolve(root, path):
    """A path of the pair list as the executors see it: relative paths are taken from CORPUS."""
    if path.startswith("/") or "://" in path:
        return path
    # normpath would fold the `//` of a URI such as hdfs://namenode/corpus.
    return f"{root}/{posixpath.normpath(path)}"


def local_folder(corpus):
    """CORPUS as a local path, or None when it is a URI of another file system."""
    if corpus.startswith("file:"):
        return os.path.abspath(urllib.parse.urlparse(corpus).path)
    return None if "://" in corpus else os.path.abspath(corpus)


def qualified_root(spark, corpus):
    """CORPUS as Hadoop names the files it lists under it (`file:/data/corpus`)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(corpus)
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    return path.getFileSystem(conf).makeQualified(path).toString().rstrip("/")


def request(entry, root, en_text=None, es_text=None):
    """The pipe line for an entry, and the paths to write into its document line."""
    if entry.id is None:
        return entry.line, None
    paths = (resolve(root, entry.en), resolve(root, entry.es))
    sides = [
        {"text": text} if text is not None else {"path": path}
        for text, path in zip((en_text, es_text), paths)
    ]
    line = json.dumps({"id": entry.id, "en": sides[0], "es": sides[1]}, ensure_ascii=False)
    return line, paths


def text_of(content):
    """A document's text, or None when it is not UTF-8 and so cannot travel as JSON text."""
    if content is None:
        return None
    try:
        return bytes(content).decode("utf-8")
    except UnicodeDecodeError:
        return None


def path_requests(sc, entries, root, partitions):
    """Pipe lines with the documents' paths, in the order of the pair list."""
    return sc.parallelize(entries, partitions).map(lambda entry: (entry, *request(entry, root)))


def text_requests(spark, entries, corpus, root, partitions):
    """Pipe lines with the documents' text, read by the executors, in the order of the pair
    list. A side whose file is not in the corpus, or is not UTF-8, is sent as its path."""
    sc = spark.sparkContext
    listed_root = qualified_root(spark, corpus)
    sides_of_file = collections.defaultdict(list)
    for entry in entries:
        if entry.id is not None:
            sides_of_file[resolve(root, entry.en)].append((entry.number, "en"))
            sides_of_file[resolve(root, entry.es)].append((entry.number, "es"))
    sides_of_file = sc.broadcast(dict(sides_of_file))

    def sides(named):
        file_name, content = named
        path = resolve(root, file_name[len(listed_root) + 1:])
        return [(number, (side, content)) for number, side in sides_of_file.value.get(path, ())]

    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true"
    )
    # binaryFiles packs small files into splits of its own size, counting a file's opening as
    # spark.files.openCostInBytes (4 MB): asked for one split per file, it makes splits of about
    # that size, so that the reading is spread over tasks (given the partitions asked for, it
    # would put a corpus of small files under 128 MB in one task).
    documents = sc.binaryFiles(corpus, max(partitions, len(sides_of_file.value))).flatMap(sides)
    listed = sc.parallelize(entries, partitions).map(lambda entry: (entry.number, (None, entry)))
    # One shuffle brings each entry and its documents together, already in list order.
    merged = in_list_order(listed.union(documents), entries[-1].number, partitions)

    def requests(partition):
        for _, group in itertools.groupby(partition, key=lambda item: item[0]):
            texts = {}
            for _, (side, value) in group:
                if side is None:
                    entry = value
                else:
                    texts[side] = text_of(value)
            yield (entry, *request(entry, root, texts.get("en"), texts.get("es")))

    return merged.mapPartitions(requests)


def in_list_order(keyed, last_number, partitions):
    """Items keyed by their line number in the pair list, in contiguous ranges of the list and
    sorted, so that the part files concatenate in list order. The ranges are known from the line
    numbers, where a sorted shuffle would first compute everything once to sample them."""
    return keyed.repartitionAndSortWithinPartitions(
        partitions, lambda number: (number - 1) * partitions // last_number
    )


def pipe_through_resalign(command):
    """The task: writes a partition's pipe lines to one resalign process while reading its
    result lines, and gives each result line with the output folder it belongs in."""

    def task(requests):
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        sent = collections.deque()
        writer_error = []

        def write():
            try:
                for entry, line, paths in requests:
                    sent.append((entry, paths))
                    process.stdin.write(line.encode("utf-8") + b"\n")
                process.stdin.close()
            except BrokenPipeError as error:
                writer_error.append(error)
            except BaseException as error:  # the input itself failed: end resalign, report it
                writer_error.append(error)
                process.kill()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            yield from results(process, sent)
            process.wait()
            writer.join()
        finally:
            # Spark stopped reading (the task was cancelled) or a line was wrong: end resalign.
            if process.poll() is None:
                process.kill()
                process.wait()
        if writer_error and not isinstance(writer_error[0], BrokenPipeError):
            raise writer_error[0]
        if process.returncode not in DONE or sent:
            raise ResalignDied(
                f"resalign exited with status {process.returncode} with {len(sent)} of the "
                f"pairs sent unanswered"
            )

    return task


def results(process, sent):
    """Each result line resalign writes, with its output folder; `sent` holds the pairs sent and
    not yet answered, in order, and each document line answers the first of them."""
    answered = 0
    for raw in process.stdout:
        line = raw.decode("utf-8").rstrip("\n")
        tag = RECORD_TAG.match(line)
        if tag is None:
            raise ProtocolError(f"resalign wrote a line without a record tag: {line[:200]}")
        record = tag.group(1)
        if record != "document":
            yield FOLDER_OF_RECORD[record], "{" + line[tag.end():]
            continue
        if not sent:
            raise ProtocolError(f"resalign answered a pair it was not sent: {line[:200]}")
        entry, paths = sent.popleft()
        answered += 1
        yield document_line(line[tag.end():], entry, paths, answered)


def document_line(rest, entry, paths, position):
    """A document line for the output: the pair's paths put back where its text travelled, and a
    line that was not a pair named by its number in the pair list rather than in the pipe."""
    document = json.loads("{" + rest)
    changed = False
    if entry.id is not None:
        if document.get("pair") != entry.id:
            raise ProtocolError(
                f"resalign answered pair {document.get('pair')!r} where {entry.id!r} was due"
            )
        for side, path in zip(("en", "es"), paths):
            if document[side].get("path") is None:
                document[side]["path"] = path
                changed = True
        error = document.get("error")
        if error and error.get("side") in ("en", "es") and "file" not in error:
            # Where resalign writes it when it read the file itself: after the side.
            file = paths[0 if error["side"] == "en" else 1]
            with_file = {}
            for name, value in error.items():
                with_file[name] = value
                if name == "side":
                    with_file["file"] = file
            document["error"] = with_file
            changed = True
    elif document.get("pair") == f"line {position}":
        document["pair"] = f"line {entry.number}"
        error = document.get("error", {})
        error["reason"] = re.sub(
            rf"^input line {position}:", f"input line {entry.number}:", error.get("reason", "")
        )
        changed = True
    folder = "documents" if document.get("status") == "aligned" else "failed"
    if not changed:
        return folder, "{" + rest
    return folder, json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def main(argv):
    from pyspark.sql import SparkSession

    options = arguments(argv)
    local = local_folder(options.corpus)
    if options.pairs:
        with open(options.pairs, encoding="utf-8") as manifest:
            entries = list(entries_of_manifest(manifest))
    elif local is not None:
        entries = listed_pairs(local, options.resalign)
    else:
        raise SystemExit("a corpus that is not a local folder needs its pairs given with --pairs")
    if not entries:
        raise SystemExit(f"no pairs to align in {options.pairs or options.corpus}")
    root = local if local is not None else options.corpus.rstrip("/")

    spark = SparkSession.builder.appName("resalign: align a corpus").getOrCreate()
    sc = spark.sparkContext
    partitions = options.partitions or sc.defaultParallelism
    started = time.monotonic()
    if options.documents == "paths":
        requests = path_requests(sc, entries, root, partitions)
    else:
        requests = text_requests(spark, entries, options.corpus, root, partitions)
    # A task has spark.task.cpus cores; resalign would otherwise take every core of the worker,
    # as many times over as the worker runs tasks.
    task_cpus = sc.getConf().get("spark.task.cpus", "1")
    command = shlex.split(options.resalign) + ["batch", "--stdin", "--quiet", "--jobs", task_cpus]
    if options.no_timings:
        command.append("--no-timings")
    results = requests.mapPartitions(pipe_through_resalign(command))
    spark.createDataFrame(results, "file string, line string").write.partitionBy("file").text(
        options.output
    )
    seconds = time.monotonic() - started
    pairs = (
        spark.read.text(options.output)
        .where("file in ('documents', 'failed')")
        .select("file")
        .rdd.map(lambda row: row.file)
        .countByValue()
    )
    print(
        f"{len(entries)} pairs: {pairs.get('documents', 0)} aligned, {pairs.get('failed', 0)} "
        f"failed, in {seconds:.2f} s on {partitions} partitions. Results in {options.output}.",
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
