"""The files a command names: finding the claims file, showing paths as the user can open
them, refusing an output path before any long work, and writing outputs so that a reader, a
crash or a SIGKILL sees the old file or the new one: never half of one, and never a temporary
file left behind.

The bytes go to a file beside the target, which is then renamed over it (atomic on POSIX).
On Linux that file is anonymous (O_TMPFILE) until the moment it is named and renamed, so a
build killed while writing leaves nothing. Elsewhere a named temporary file is used, named
after the writing process; files left by a process that no longer exists are swept away
by the next write.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import secrets
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from briefing.exceptions import InputError

_AT_FDCWD, _AT_SYMLINK_FOLLOW = -100, 0x400
CLAIMS_NAME = "claims.yaml"


def find_claims(start: Path | None = None) -> Path:
    """``claims.yaml`` in ``start`` (default: the current folder) or the nearest parent folder,
    as ruff and yamllint look for their configuration. The search stops at the root of the
    repository (the first folder holding ``.git``) or of the file system. The path is relative
    to ``start``, e.g. ``../claims.yaml``, so it can be clicked where it is printed."""
    here = (start or Path.cwd()).absolute()
    folder = here
    while True:
        if (folder / CLAIMS_NAME).exists():
            return Path(os.path.relpath(folder / CLAIMS_NAME, here))
        if (folder / ".git").exists() or folder.parent == folder:
            limit = "the repository root" if (folder / ".git").exists() else "the file system root"
            where = f"{here}, {limit}" if folder == here else f"{here} nor in a parent folder up to {folder}, {limit}"
            raise InputError([f"{CLAIMS_NAME}: not found in {where} (pass --claims PATH)"])
        folder = folder.parent


def shown_path(path: Path) -> str:
    """A path as briefing prints it: relative to the current folder when it lies there, so a
    terminal or an editor can open it (``../seeds/a.txt`` from seeds/ is ``a.txt``);
    otherwise as written (``../claims.yaml``, or absolute)."""
    cwd = os.getcwd()
    inside = cwd.rstrip(os.sep) + os.sep
    absolute = os.path.abspath(path)  # string work first: a run may print thousands of paths
    if absolute.startswith(inside):
        return absolute[len(inside):]
    resolved = str(path.resolve())
    return resolved[len(inside):] if resolved.startswith(inside) else str(path)


def read_input(path: Path, display: str, limit: int, kind: str, missing: str = "no such file") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (``kind`` names it in
    messages). A FIFO or a device (``/dev/zero``) is refused before anything is read, since
    reading one may block forever or never end; the file is opened without blocking and
    checked as opened, so it cannot be swapped for one in between."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError([f"{display}: {missing}"]) from None
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        raise InputError([f"{display}: cannot read: {getattr(err, 'strerror', None) or err}"]) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError([f"{display}: is a directory, not a {kind}"])
        if not stat.S_ISREG(mode):
            raise InputError([f"{display}: is not a regular file (a pipe or a device?), not a {kind}"])
        data = _read_at_most(fd, limit + 1)  # one byte more tells a file that grew past the limit
    except OSError as err:
        raise InputError([f"{display}: cannot read: {err.strerror or err}"]) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        size = max(len(data), os.stat(path).st_size) if os.path.exists(path) else len(data)
        raise InputError([f"{display}: {size:,} bytes is over the {limit:,}-byte limit for a {kind}"])
    return data


def _read_at_most(fd: int, most: int) -> bytes:
    chunks, size = [], 0
    while size < most:
        chunk = os.read(fd, min(1 << 20, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def output_problem(output: Path, inputs: Mapping[Path, str]) -> str | None:
    """Why ``output`` cannot be written, or None: checked before the work that produces it.
    ``inputs`` are the command's own input files, each with how to name it (never written over)."""
    if output.is_dir():
        return f"{output}: cannot write: it is a folder"
    folder = output.absolute().parent
    while not folder.exists():  # missing folders are created when writing
        folder = folder.parent
    if not folder.is_dir():
        return f"{output}: cannot write: {shown_path(folder)} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{output}: cannot write: the folder {shown_path(folder)} is not writable"
    if output.exists():
        for path, what in inputs.items():
            try:
                same = os.path.samefile(output, path)
            except OSError:
                continue
            if same:
                return f"{output}: refusing to write over {what}, an input of this command: choose another path"
    return None


def check_output(output: Path | None, inputs: Mapping[Path, str]) -> None:
    """``output_problem`` as unusable input (exit 2); None is no output to check."""
    problem = None if output is None else output_problem(output, inputs)
    if problem:
        raise InputError([problem])


def write_atomically(output: Path, data: bytes) -> None:
    tmp = _staged_copy(output, data)
    try:
        os.replace(tmp, output)
        _sync_folder(output.parent)
    finally:
        tmp.unlink(missing_ok=True)


def write_outputs(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Several outputs, all or none (``build`` writes a PDF and an HTML file): each is written
    in full beside its target before any target is replaced, so a path that cannot be written
    leaves every target as it was."""
    staged: list[tuple[Path, Path]] = []
    try:
        for output, data in outputs:
            try:
                staged.append((_staged_copy(output, data), output))
            except OSError as err:
                raise InputError([f"{output}: cannot write: {err.strerror or err} (nothing was written)"]) from None
        for tmp, output in staged:
            os.replace(tmp, output)
            _sync_folder(output.parent)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def rewrite_input(path: Path, data: bytes, original: bytes, display: str, others: Mapping[Path, str]) -> None:
    """Write ``data`` over ``path``, the file a command read as ``original`` and now changes
    (``lock``, ``fix --write``). Through a symlink: the file it points to is replaced, the link
    stays a link. The file keeps its permissions (and its owner, where allowed); a read-only
    file is refused. It is replaced only if it still holds ``original`` just before: an edit
    saved meanwhile is kept, never lost. ``others`` are the command's other inputs (the
    sources), each with how to name it: never written over."""
    try:
        target = path.resolve(strict=True)
        st = target.stat()
    except FileNotFoundError:
        raise InputError([f"{display}: was removed while briefing ran; not written"]) from None
    except (OSError, RuntimeError) as err:
        raise InputError([f"{display}: cannot write: {getattr(err, 'strerror', None) or err}"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError([f"{display}: is not a regular file; not written"])
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError([f"{display}: is read-only (mode {stat.S_IMODE(st.st_mode):04o}); not changed: "
                          "make it writable to let briefing write it"])
    for other, what in others.items():
        with contextlib.suppress(OSError):
            if os.path.samefile(target, other):
                raise InputError([f"{display}: is also {what}; not written, since that would change {what} too"])
    try:
        tmp = _staged_copy(target, data, stat.S_IMODE(st.st_mode))
    except OSError as err:
        raise InputError([f"{display}: cannot write: {err.strerror or err}"]) from None
    try:
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)
        if not _holds(target, original):
            raise InputError([f"{display}: changed on disk since briefing read it; not written, so that change is "
                              "kept: run the command again"])
        os.replace(tmp, target)
        _sync_folder(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _holds(path: Path, expected: bytes) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and _read_at_most(fd, len(expected) + 1) == expected
    except OSError:
        return False
    finally:
        os.close(fd)


def _staged_copy(output: Path, data: bytes, mode: int | None = None) -> Path:
    """``data`` in full, synced, in a new file beside ``output`` (its folders created), ready
    to be renamed over it. On Linux the file stays anonymous until it is complete, so a writer
    killed meanwhile leaves nothing; a file named by a writer killed later is swept away by
    the next write."""
    output.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(output)
    tmp = output.parent / f".{output.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = _anonymous_file(output.parent)
    named = fd is None
    if fd is None:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _write_all(fd, data)
        if mode is not None:
            os.fchmod(fd, mode)
        os.fsync(fd)
        if not named:
            _give_name(fd, tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    return tmp


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


def _load_linkat() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.linkat
    except (OSError, AttributeError):
        return None


_linkat = _load_linkat() if hasattr(os, "O_TMPFILE") else None


def _give_name(fd: int, path: Path) -> None:
    # os.link does not pass AT_SYMLINK_FOLLOW, which naming an O_TMPFILE file through /proc needs
    assert _linkat is not None, "_anonymous_file opens no file without linkat"
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
