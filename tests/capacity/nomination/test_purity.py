"""The nomination core and its benchmark never import Django."""
import ast
import pathlib
import subprocess
import sys

import puente

SRC = pathlib.Path(puente.__file__).parent
PURE = sorted((SRC / "capacity" / "nomination").glob("*.py")) + [SRC / "bench" / "nominations.py"]


def test_no_django_import_in_the_source():
    assert len(PURE) >= 6
    for path in PURE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert not name.startswith(("django", "rest_framework", "highspy")), f"{path.name} imports {name}"
                if name.startswith("puente."):
                    allowed = ("puente.capacity.nomination", "puente.bench")
                    assert name.startswith(allowed), f"{path.name} imports {name}"


def test_importing_and_solving_loads_no_django():
    code = (
        "import sys\n"
        "import puente.bench.nominations\n"
        "from puente.capacity.nomination import generate, solve, withdraw\n"
        "problem = generate(500, seed=1)\n"
        "result = solve(problem)\n"
        "withdraw(problem, result.assigned, result.assigned[0])\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
        "assert 'highspy' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
