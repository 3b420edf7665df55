"""`pip install .` without -e: the installed package finds its migrations, fonts, catalog and
demo data away from the source tree (resources/ is installed to PREFIX/share/sanad/resources).

The wheel is built offline from a copy of the tree into a fresh venv that borrows this venv's
dependencies through a .pth file, then run from another folder so the source cannot be imported.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_plain_install_runs_help_and_init_demo(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(
        REPO / "advisor", source / "advisor", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO / "resources", source / "resources")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site_packages = venv / "lib" / version / "site-packages"
    (site_packages / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        tmp_path,
        env,
    )
    shutil.rmtree(source)  # nothing may come from the tree it was built from
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run([str(python), "-c", "import advisor; print(advisor.__file__)"], elsewhere, env)
    assert where.startswith(str(site_packages))
    env |= {
        "ADVISOR_HOME": str(tmp_path / "home"),
        "ADVISOR_USER": "admin",
        "ADVISOR_PASSWORD": "demo",
        "ADVISOR_KEY_PASSPHRASE": "demo",
        "QT_QPA_PLATFORM": "offscreen",
    }
    advisor = str(venv / "bin" / "advisor")
    assert "letter" in run([advisor, "--help"], elsewhere, env)
    demo = run([advisor, "init", "--demo"], elsewhere, env)
    assert "Demo accounts (password 'demo')" in demo and "Catalog" in demo
    audit = run([advisor, "audit", "--all"], elsewhere, env)
    assert "eligible" in audit
