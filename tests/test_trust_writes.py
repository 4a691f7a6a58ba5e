"""The writer's own files, through the real CLI: `lock` and `fix --write` keep the claims file's
mode, write through a symlink, never lose an edit saved while they run and never write over
a source; `build` writes all of its outputs or none and never over a template; `init` never
follows a symlink to write."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.exceptions import InputError
from briefing.files import rewrite_input, write_outputs
from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims

# a quote with a changed figure, which `fix` corrects from the source
FIXABLE = MINIMAL_CLAIMS.replace("The committee's recommendations are not binding.",
                                 "The committee's recommendations are not legally binding.")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    write_claims(tmp_path, MINIMAL_CLAIMS)
    return tmp_path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("command", [("lock",), ("fix", "--write")])
def test_the_claims_file_keeps_its_mode(small: Path, command: tuple[str, ...]):
    claims = small / "claims.yaml"
    if command[0] == "fix":
        claims.write_text(FIXABLE, encoding="utf-8")
    claims.chmod(0o600)
    before = claims.read_bytes()
    result = run_cli(*command, cwd=small)
    assert result.returncode == 0, result.stdout + result.stderr
    assert claims.read_bytes() != before and mode(claims) == 0o600


@pytest.mark.parametrize("command", [("lock",), ("fix", "--write")])
def test_writes_go_through_a_symlink_to_the_real_file(small: Path, command: tuple[str, ...]):
    real = small / "real" / "claims.yaml"
    shutil.copytree(small / "seeds", real.parent / "seeds")  # sources are found beside the real file
    body = FIXABLE if command[0] == "fix" else MINIMAL_CLAIMS
    real.write_text(body, encoding="utf-8")
    (small / "claims.yaml").unlink()
    (small / "claims.yaml").symlink_to(real)
    result = run_cli(*command, cwd=small)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (small / "claims.yaml").is_symlink() and (small / "claims.yaml").resolve() == real
    assert real.read_text(encoding="utf-8") != body
    assert ("sha256:" in real.read_text(encoding="utf-8")) == (command[0] == "lock")


def test_a_read_only_claims_file_is_refused_and_left_alone(small: Path):
    claims = small / "claims.yaml"
    claims.chmod(0o444)
    result = run_cli("lock", cwd=small)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == "claims.yaml: is read-only (mode 0444); not changed: make it writable to let briefing " \
                            "write it\n"
    assert claims.read_text(encoding="utf-8") == MINIMAL_CLAIMS and mode(claims) == 0o444


def test_a_claims_file_that_is_also_a_source_is_not_written(small: Path):
    body = MINIMAL_CLAIMS.replace("sources:\n", "sources:\n  self:\n    path: claims.yaml\n    title: Itself\n")
    write_claims(small, body)
    result = run_cli("lock", cwd=small)
    assert result.returncode == 2
    assert result.stderr == ("claims.yaml: is also source 'self'; not written, since that would change "
                             "source 'self' too\n")
    assert (small / "claims.yaml").read_text(encoding="utf-8") == body


# An edit saved while `lock` runs, at a fixed moment: after lock read the claims file and worked
# out the pins, before it writes. The real command runs; only the moment is chosen.
SAVE_WHILE_RUNNING = """
import sys
from pathlib import Path
import briefing.spec.lock
from briefing.cli import main
computed = briefing.spec.lock.lock
def lock_then_the_writer_saves(loaded, sources):
    result = computed(loaded, sources)
    Path("claims.yaml").write_text(Path("claims.yaml").read_text() + "# saved meanwhile\\n")
    return result
briefing.spec.lock.lock = lock_then_the_writer_saves
sys.exit(main(["lock"]))
"""


def test_an_edit_saved_while_lock_runs_is_kept(small: Path):
    result = subprocess.run([sys.executable, "-c", SAVE_WHILE_RUNNING], cwd=small, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == ("claims.yaml: changed on disk since briefing read it; not written, so that change is "
                             "kept: run the command again\n")
    assert (small / "claims.yaml").read_text(encoding="utf-8") == MINIMAL_CLAIMS + "# saved meanwhile\n"
    assert [p.name for p in small.iterdir() if p.name.endswith(".tmp")] == []


def test_rewrite_input_replaces_only_what_it_read(tmp_path: Path):
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"title: old\n")
    rewrite_input(path, b"title: new\n", b"title: old\n", "claims.yaml", {})
    assert path.read_bytes() == b"title: new\n"
    with pytest.raises(InputError, match="changed on disk since briefing read it"):
        rewrite_input(path, b"title: newer\n", b"title: old\n", "claims.yaml", {})
    assert path.read_bytes() == b"title: new\n" and sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_build_never_writes_over_a_template(small: Path):
    shutil.copytree(ROOT / "templates", small / "templates")
    css = small / "templates" / "briefing.css"
    before = css.read_bytes()
    for option in ("--output", "--html"):
        result = run_cli("build", option, "templates/briefing.css", cwd=small)
        assert result.returncode == 2
        assert "refusing to write over the template briefing.css, an input of this command" in result.stderr
        assert css.read_bytes() == before
    assert not (small / "build").exists()


def test_an_html_path_that_cannot_be_written_writes_no_pdf(small: Path):
    # /sys passes the checks made before the work (root may write there), then refuses the file
    result = run_cli("build", "--html", "/sys/briefing.html", cwd=small)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("/sys/briefing.html: cannot write"), result.stderr
    assert not (small / "build" / "briefing.pdf").exists()
    assert not any(small.glob("build/.*.tmp"))


def test_outputs_are_written_all_or_none(tmp_path: Path):
    first = tmp_path / "out" / "a.pdf"
    first.parent.mkdir()
    first.write_bytes(b"old")
    with pytest.raises(InputError, match=r"^/sys/b.html: cannot write: .*\(nothing was written\)$"):
        write_outputs([(first, b"new"), (Path("/sys/b.html"), b"html")])
    assert first.read_bytes() == b"old" and sorted(p.name for p in first.parent.iterdir()) == ["a.pdf"]
    write_outputs([(first, b"new"), (tmp_path / "out" / "b.html", b"html")])
    assert first.read_bytes() == b"new" and (tmp_path / "out" / "b.html").read_bytes() == b"html"


def test_init_does_not_follow_a_symlink_it_finds(tmp_path: Path):
    project, target = tmp_path / "new", tmp_path / "elsewhere.yaml"
    project.mkdir()
    (project / "claims.yaml").symlink_to(target)  # dangling: the path "does not exist"
    result = run_cli("init", str(project), cwd=tmp_path)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert not target.exists()
    assert os.path.islink(project / "claims.yaml")
