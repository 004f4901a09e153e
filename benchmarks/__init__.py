"""Performance harness: `python -m benchmarks [--quick]`. Ratios against baselines in the same run."""
