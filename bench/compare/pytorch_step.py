"""Times PyTorch's own Python `scheduler.step()` for the configurations of
bench/Schedules.Benchmarks/TransitionBenchmarks.fs, at 1, 64 and 1024 param groups; prints JSON.

Run by `./build.sh bench-compare` with Debian's /usr/bin/python3 (`apt-get install -y python3-torch`).

Each configuration is built on an SGD optimizer with one tiny tensor per param group, all LRs 0.1, and brought to
the benchmark's mid-run state: for the plateau, best 1.0 with the patience used up (num_bad_epochs = patience);
for the others, 20 steps. Like our benchmark, which steps one fixed state again and again, every timed step starts
from that same state: before each step, outside the timed part, the scheduler's (and its children's) attributes
and the groups' LRs are restored. So PlateauSteady always times an improving step (metric 0.5: no LR changes) and
PlateauReducing always a reducing one (metric 2.0: every group's LR is multiplied by 0.1).

Each step is timed alone with time.perf_counter_ns; the median over the iterations is reported, less the median of
an empty timed block (the clock's own cost).
"""

import json
import platform
import statistics
import sys
import time
import warnings

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as lrs

PATIENCE = 3
GROUPS = (1, 64, 1024)
KINDS = ("PlateauSteady", "PlateauReducing", "CosineAnnealingLR", "OneCycleLR", "SequentialLR", "ChainedScheduler3")


def optimizer(groups):
    opt = SGD([{"params": [torch.zeros(1, requires_grad=True)]} for _ in range(groups)], lr=0.1)
    # One optimizer step (no gradients: nothing changes) so that PyTorch does not warn that the scheduler steps first.
    opt.step()
    return opt


def linear_warmup(steps):
    # celldetection's WarmUp with its default factor, min(step / steps, 1), as a LambdaLR.
    return lambda step: min(step / steps, 1.0)


def build(kind, groups):
    """The scheduler in the benchmark's mid-run state, and the step to time."""
    opt = optimizer(groups)
    if kind in ("PlateauSteady", "PlateauReducing"):
        s = lrs.ReduceLROnPlateau(opt, patience=PATIENCE)
        s.best = 1.0
        s.num_bad_epochs = PATIENCE
        metric = 0.5 if kind == "PlateauSteady" else 2.0
        return opt, s, [s], lambda: s.step(metric)
    if kind == "CosineAnnealingLR":
        s = lrs.CosineAnnealingLR(opt, T_max=1000)
        children = [s]
    elif kind == "OneCycleLR":
        s = lrs.OneCycleLR(opt, max_lr=0.1, total_steps=1000)
        children = [s]
    elif kind == "SequentialLR":
        warm = lrs.LambdaLR(opt, linear_warmup(5))
        cos = lrs.CosineAnnealingLR(opt, T_max=1000)
        s = lrs.SequentialLR(opt, [warm, cos], milestones=[6])
        children = [s, warm, cos]
    elif kind == "ChainedScheduler3":
        parts = [lrs.StepLR(opt, 7, 0.5), lrs.ExponentialLR(opt, 0.99), lrs.CosineAnnealingLR(opt, T_max=1000)]
        s = lrs.ChainedScheduler(parts)
        children = [s] + parts
    else:
        raise ValueError(f"unknown kind {kind!r}")
    for _ in range(20):
        s.step()
    return opt, s, children, s.step


def restorer(opt, schedulers):
    """Returns a function that puts the schedulers' attributes and the groups' LRs back as they are now."""
    saved = [(s, dict(s.__dict__)) for s in schedulers]
    lrs_now = [g["lr"] for g in opt.param_groups]
    groups = opt.param_groups

    def restore():
        for s, attributes in saved:
            s.__dict__.update(attributes)
        for g, lr in zip(groups, lrs_now):
            g["lr"] = lr

    return restore


def clock_cost(iterations):
    clock = time.perf_counter_ns
    samples = []
    for _ in range(iterations):
        t0 = clock()
        t1 = clock()
        samples.append(t1 - t0)
    return statistics.median(samples)


def time_step(kind, groups, iterations):
    opt, s, schedulers, step = build(kind, groups)
    restore = restorer(opt, schedulers)
    clock = time.perf_counter_ns
    # Warm up (and check that the step runs) before timing.
    for _ in range(min(iterations, 200)):
        restore()
        step()
    samples = []
    for _ in range(iterations):
        restore()
        t0 = clock()
        step()
        t1 = clock()
        samples.append(t1 - t0)
    restore()
    return statistics.median(samples)


def main():
    warnings.simplefilter("ignore")  # SequentialLR's step(0) to its second child warns of a deprecated argument
    torch.set_num_threads(1)
    overhead = clock_cost(100_000)
    results = []
    for kind in KINDS:
        for groups in GROUPS:
            iterations = {1: 20_000, 64: 5_000}.get(groups, 1_000)
            ns = time_step(kind, groups, iterations) - overhead
            results.append({"kind": kind, "groups": groups, "ns": ns, "iterations": iterations})
            print(f"PyTorch {kind} {groups} groups: {ns:,.0f} ns/step", file=sys.stderr)
    json.dump(
        {
            "torch": torch.__version__,
            "python": platform.python_version(),
            "clockNs": overhead,
            "results": results,
        },
        sys.stdout,
        indent=1,
    )
    print()


if __name__ == "__main__":
    main()
