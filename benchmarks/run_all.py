"""Every benchmark in one run: ours vs scikit-learn, same data, same run, medians of >= 3 runs.

    python benchmarks/run_all.py            # prints one markdown table (the README's)
    BENCH_REPEATS=5 python benchmarks/run_all.py

Each module's ``run()`` returns rows {name, ours_s, sklearn_s, ratio, ours_score, sklearn_score}
(and ``target`` where the issue sets one).
"""

from __future__ import annotations

import importlib
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_trees import format_table  # noqa: E402

MODULES = ["bench_trees", "bench_gradient_boosting", "bench_stacking", "bench_base_learners"]


def main(argv):
    wanted = argv[1:] or MODULES
    rows = []
    for name in wanted:
        module = importlib.import_module(name)
        rows.extend(module.run())
    import numpy
    import sklearn
    print(f"numpy {numpy.__version__}, scikit-learn {sklearn.__version__}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores\n")
    print(format_table(rows))


if __name__ == "__main__":
    main(sys.argv)
