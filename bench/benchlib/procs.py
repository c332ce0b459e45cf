"""Processes from /proc: resident memory, children, process trees. Zombies count as gone."""
import os
from pathlib import Path


def _stat(pid):
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as file:
            text = file.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def alive(pid):
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def cwd(pid):
    """The working directory of a live process, None when it is gone or not ours to read."""
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd")).resolve()
    except OSError:
        return None


def rss_kib(pid):
    """VmRSS of a live process in KiB, 0 when it is gone (or a zombie)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mib(pid):
    return rss_kib(pid) / 1024.0


def threads(pid):
    """The number of threads of a live process, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as file:
            for line in file:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _parents():
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None and stat[0] != "Z":
                parents[int(entry)] = stat[1]
    return parents


def children(pid):
    """The live direct children of a process."""
    return sorted(child for child, parent in _parents().items() if parent == pid)


def tree(pid):
    """A process and all its live descendants."""
    parents = _parents()
    found = [pid]
    index = 0
    while index < len(found):
        found.extend(child for child, parent in parents.items() if parent == found[index])
        index += 1
    return [each for each in found if each in parents]


def tree_rss_mib(pid):
    return sum(rss_kib(each) for each in tree(pid)) / 1024.0


def pss_kib(pid):
    """Proportional set size in KiB: pages shared between processes (a class archive mapped by every driver)
    count once in total, split between those that map them. 0 when gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as file:
            for line in file:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mib(pid):
    return sum(pss_kib(each) for each in tree(pid)) / 1024.0


def mem_available_mib():
    with open("/proc/meminfo", encoding="ascii") as file:
        for line in file:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024.0
    return 0.0
