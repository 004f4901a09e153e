#!/usr/bin/env bash
# Mutation testing (issue #24 item 9): how many small defects planted in a module the
# tests catch. Outside the README's test command: it takes minutes per module.
#
#   scripts/mutation.sh [dates|merge|limits|progress ...]     (default: dates)
#
# Needs mutmut in the venv (pip install mutmut; not a project dependency). Each module
# runs in a scratch copy of the project, against its own tests only, and prints
# "module: killed/total = N %". Record the scores in benchmarks/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="$root/.venv/bin/python"
mutmut="$root/.venv/bin/mutmut"
[ -x "$mutmut" ] || { echo "scripts/mutation.sh: mutmut 未安装:$root/.venv/bin/pip install mutmut" >&2; exit 2; }
children="${MUTATION_CHILDREN:-2}"

module_of() {
    case "$1" in
        dates) echo "tui/source/dates.py|tests/test_deadlines.py tests/test_date_repairs.py tests/test_parser_quirks.py" ;;
        merge) echo "tui/workbook/merge.py|tests/workbook/test_merge.py tests/workbook/test_import.py" ;;
        limits) echo "tui/workbook/limits.py|tests/workbook/test_hostile_workbooks.py tests/workbook/test_bad_workbooks.py" ;;
        progress) echo "tui/store/progress.py|tests/test_store.py tests/store/test_undo_conflicts.py tests/store/test_confirm.py tests/store/test_add_evidence_many.py tests/store/test_evidence_caption.py tests/store/test_steps.py tests/store/test_history_words.py tests/store/test_preview_matches_apply.py tests/store/test_assign.py tests/store/test_sub_units.py tests/safety/test_undo_after_restore.py tests/safety/test_migrate_progress.py tests/workbook/test_import.py tests/workbook/test_merge.py tests/test_cli_steps.py" ;;
        *) echo "scripts/mutation.sh: 未知的模块「$1」(dates、merge、limits、progress)" >&2; exit 2 ;;
    esac
}

[ $# -gt 0 ] || set -- dates
for name in "$@"; do
    spec="$(module_of "$name")"
    target="${spec%%|*}"
    tests="${spec#*|}"
    work="$(mktemp -d)"
    [ -n "${MUTATION_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
    cp -r "$root/tui" "$root/tests" "$root/benchmarks" "$root/data" "$root/pyproject.toml" "$work/"
    {
        echo "[mutmut]"
        echo "source_paths = tui"
        echo "only_mutate = $target"
        echo "also_copy ="
        echo "    data"
        echo "    benchmarks"
        echo "pytest_add_cli_args_test_selection ="
        for t in $tests; do echo "    $t"; done
        echo "pytest_add_cli_args ="
        # one process: mutmut reads which tests reach which function in it (xdist's workers
        # hide that, and the project's addopts start them)
        echo "    -n"
        echo "    0"
        echo "    -p"
        echo "    no:cacheprovider"
        echo "    -x"
        echo "    -q"
    } > "$work/setup.cfg"
    (cd "$work" && "$mutmut" run --max-children "$children" >/dev/null 2>"$work/mutmut.err" || true
     "$mutmut" results --all true > "$work/results.txt" 2>/dev/null || true)
    "$python" - "$work/results.txt" "$target" <<'PY'
import collections, sys
counts = collections.Counter()
survivors = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if not name:
        continue
    counts[status] += 1
    if status == "survived":
        survivors.append(name)
total = sum(counts.values())
killed = counts["killed"] + counts["timeout"]
print(f"{sys.argv[2]}: {killed}/{total} = {100 * killed / max(total, 1):.0f} % ({dict(counts)})")
for s in survivors:
    print(f"  survived: {s}")
PY
    if [ -n "${MUTATION_KEEP:-}" ]; then  # to read a survivor: cd there; mutmut show NAME
        echo "  kept: $work"
    else
        rm -rf "$work"
    fi
    trap - EXIT
done
