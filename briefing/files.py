"""Writing output files so that a reader, a crash or a SIGKILL sees the old file or the new
one: never half of one, and never a temporary file left behind.

The bytes go to a file beside the target, which is then renamed over it (atomic on POSIX).
On Linux that file is anonymous (O_TMPFILE) until the moment it is named and renamed, so a
build killed while writing leaves nothing. Elsewhere a named temporary file is used, named
after the writing process; files left by a process that no longer exists are swept away
by the next write.
"""

from __future__ import annotations

import ctypes
import os
import re
import secrets
from pathlib import Path

from briefing.exceptions import InputError

_AT_FDCWD, _AT_SYMLINK_FOLLOW = -100, 0x400


def write_atomically(output: Path, data: bytes) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(output)
    tmp = output.parent / f".{output.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = _anonymous_file(output.parent)
    named = fd is None
    if named:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        if not named:
            _give_name(fd, tmp)
        os.replace(tmp, output)
        _sync_folder(output.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def write_output(output: Path, data: bytes) -> None:
    """``write_atomically``, with an unwritable path reported as unusable input."""
    try:
        write_atomically(output, data)
    except OSError as err:
        raise InputError([f"{output}: cannot write: {err.strerror or err}"]) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _anonymous_file(folder: Path) -> int | None:
    if not hasattr(os, "O_TMPFILE") or _linkat is None:
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except OSError:  # a file system without O_TMPFILE
        return None


def _load_linkat():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.linkat
    except (OSError, AttributeError):
        return None


_linkat = _load_linkat() if hasattr(os, "O_TMPFILE") else None


def _give_name(fd: int, path: Path) -> None:
    # os.link does not pass AT_SYMLINK_FOLLOW, which naming an O_TMPFILE file through /proc needs
    if _linkat(_AT_FDCWD, f"/proc/self/fd/{fd}".encode(), _AT_FDCWD, os.fsencode(path), _AT_SYMLINK_FOLLOW) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(path))


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sweep_stale(output: Path) -> None:
    """Remove temporary files of this output left by writers that no longer run."""
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(\d+)\.[0-9a-f]+\.tmp")
    for path in output.parent.glob(f".{output.name}.*.tmp"):
        m = pattern.fullmatch(path.name)
        if m and not _alive(int(m.group(1))):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
