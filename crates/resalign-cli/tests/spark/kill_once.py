"""Stands in for resalign in the Spark test: the first `batch --stdin` it runs lets LINES result
lines through, then kills resalign with SIGKILL, as the out-of-memory killer would, and dies the
same way, partway through its task; every later one is resalign itself. Each run of
`batch --stdin` is recorded as a line of MARKER/runs, and the lines let through before the kill
in MARKER/killed/lines.

    python3 kill_once.py MARKER LINES RESALIGN [ARGUMENTS...]
"""

import os
import signal
import subprocess
import sys


def main():
    marker, lines, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if "--stdin" not in command:
        os.execv(command[0], command)
    with open(os.path.join(marker, "runs"), "a", encoding="utf-8") as runs:
        runs.write(f"{os.getpid()}\n")
    try:
        os.mkdir(os.path.join(marker, "killed"))
    except FileExistsError:
        os.execv(command[0], command)
    # resalign reads this process's stdin, as it would without a stand-in.
    resalign = subprocess.Popen(command, stdout=subprocess.PIPE)
    passed = 0
    while passed < lines:
        line = resalign.stdout.readline()
        if not line:
            break
        sys.stdout.buffer.write(line)
        passed += 1
    sys.stdout.buffer.flush()
    with open(os.path.join(marker, "killed", "lines"), "w", encoding="utf-8") as record:
        record.write(f"{passed}\n")
    resalign.kill()
    resalign.wait()
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
