#!/usr/bin/env python3
"""Optuna peer for Kiln's OptimizerQuality harness.

Runs Optuna's TPESampler and GPSampler on the same functions (Branin, Hartmann6), budgets and seeds as
dev.kiln.bench.hpo.OptimizerQuality and prints the same table: simple regret (best value found minus the known
minimum) after each budget, median over seeds.

    python -m venv /tmp/hpo-venv && /tmp/hpo-venv/bin/pip install optuna torch scipy
    /tmp/hpo-venv/bin/python benchmarks/python/optuna_peer.py --seeds 10 --budgets 30,50,100

Optuna is not a build dependency; GPSampler needs torch and scipy.
"""
import argparse
import math
import statistics
import sys
import time

import optuna

BRANIN_MIN = 0.397887
HARTMANN6_MIN = -3.32237

ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8],
     [0.05, 10, 17, 0.1, 8, 14],
     [3, 3.5, 1.7, 10, 17, 8],
     [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
     [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
     [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def branin(trial):
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(trial):
    x = [trial.suggest_float(f"x{i + 1}", 0, 1) for i in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))
        total += ALPHA[i] * math.exp(-inner)
    return -total


FUNCTIONS = {"branin": (branin, BRANIN_MIN), "hartmann6": (hartmann6, HARTMANN6_MIN)}


def make_sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "gp":
        return optuna.samplers.GPSampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(name)


def run(function, sampler_name, seed, budget):
    objective, minimum = FUNCTIONS[function]
    study = optuna.create_study(direction="minimize", sampler=make_sampler(sampler_name, seed))
    study.optimize(objective, n_trials=budget)
    best, curve = math.inf, []
    for trial in study.trials:
        best = min(best, trial.value)
        curve.append(best - minimum)
    return curve


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--functions", default="branin,hartmann6")
    parser.add_argument("--samplers", default="tpe,gp")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--budgets", default="30,50,100")
    parser.add_argument("--per-seed", action="store_true", help="also print each seed's regret per budget")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    budgets = [int(b) for b in args.budgets.split(",")]
    print(f"optuna {optuna.__version__}, seeds 0..{args.seeds - 1}, budgets {budgets}")
    print(f"{'function':<10} {'sampler':<8} " + " ".join(f"{'median@' + str(b):>12}" for b in budgets)
          + f" {'s/run':>7}")
    for function in args.functions.split(","):
        for sampler_name in args.samplers.split(","):
            curves, start = [], time.time()
            for seed in range(args.seeds):
                curves.append(run(function, sampler_name, seed, max(budgets)))
            per_run = (time.time() - start) / args.seeds
            medians = [statistics.median(c[b - 1] for c in curves) for b in budgets]
            if args.per_seed:
                for b in budgets:
                    print(f"  {function} {sampler_name} @{b}: " + " ".join(f"{c[b - 1]:.4g}" for c in curves))
            print(f"{function:<10} {sampler_name:<8} "
                  + " ".join(f"{m:12.5g}" for m in medians) + f" {per_run:7.1f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
