#!/usr/bin/env python3
"""Side-by-side benchmark: tradesim vs the C reference vs the NumPy reference.

The workload is ../shared/bench/WORKLOAD.md; tradesim runs it as an ordinary study
(scenarios/benchmark.json) through `tradesim run`, the same command users type, and writes
its whole report set. Every configuration is a fresh process, timed from launch to exit
(whole-process wall time), with its peak resident set size from the kernel (wait4 rusage).
Repetitions alternate between the implementations (the order rotates every repetition, so
no implementation always runs first or after the same neighbour); medians are reported.

    python3 Tests/Benchmarks/bench.py                     # 10k, 100k, 1M paths, 5 repetitions
    python3 Tests/Benchmarks/bench.py --sizes 100000 --reps 9
    python3 Tests/Benchmarks/bench.py --no-build --json /tmp/bench.json
    python3 Tests/Benchmarks/bench.py --target-cpu native haswell --sizes 100000

It builds the references with `sh <shared>/bench/build.sh` (gcc and OpenMP; binaries in
$BENCH_BIN, default /tmp/tradesim-bench/bin) and tradesim with `swift build -c release`.
`--target-cpu CPU...` times tradesim and the C reference built for each CPU side by side in
one run: `native` is the host's own build (the default); any other name, e.g. `haswell` (AVX2 +
FMA, x86-64-v3, to measure an AVX2 machine on an AVX-512 host), builds tradesim with
`TRADESIM_TARGET_CPU=<cpu>` into its own scratch path `.build-<cpu>` and the C reference with
`BENCH_MARCH=<cpu>` (build.sh's `-march`) into `$BENCH_BIN-<cpu>`. NumPy is the same for all.
The NumPy reference needs numpy (and uses scipy.special.ndtr when scipy is importable).
Run it from the repository's root.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

STEPS = 126  # trading days per path in the workload


GNU_TIME = "/usr/bin/time"


def run_once(argv, cwd):
    """Wall seconds and peak RSS (MiB) of one process; stdout and stderr are discarded.

    The peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian's `time` package) when it
    is installed: a process started straight from Python inherits Python's own high-water
    mark in its rusage (Linux records the pre-exec memory), which would floor every figure at
    Python's size. Without GNU time, /proc/<pid>/status VmHWM is polled every 2 ms instead.
    """
    rss_file = None
    if os.path.exists(GNU_TIME):
        fd, rss_file = tempfile.mkstemp(prefix="tradesim-bench-rss-")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file] + argv
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    polled = 0
    if rss_file is None:
        while proc.poll() is None:
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            polled = max(polled, int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.002)
    stderr = proc.communicate()[1]
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed (exit {proc.returncode}):\n{stderr.decode(errors='replace')}")
    if rss_file is not None:
        with open(rss_file) as f:
            kib = int(f.read().split()[-1])
        os.remove(rss_file)
    else:
        kib = polled
    return wall, kib / 1024.0


def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
            # The family and model tell the microarchitecture when the name does not (AMD
            # family 25 is Zen 3/4, family 26 Zen 5): a VM's host can change between runs.
            if line.startswith("CPU family:"):
                info["cpu family"] = line.split(":", 1)[1].strip()
            if line.startswith("Model:"):
                info["cpu model"] = line.split(":", 1)[1].strip()
    except OSError:
        pass
    for name, argv in [("swift", ["swift", "--version"]), ("gcc", ["gcc", "--version"])]:
        try:
            out = subprocess.run(argv, capture_output=True, text=True)
            info[name] = (out.stdout or out.stderr).splitlines()[0].strip()
        except (OSError, IndexError):
            info[name] = "unavailable"
    try:
        import numpy
        info["numpy"] = numpy.__version__
    except ImportError:
        info["numpy"] = "unavailable"
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared folder with bench/ (default ../shared)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--reps", type=int, default=5, help="repetitions of every configuration (default 5)")
    ap.add_argument("--threads", type=int, default=2, help="threads for tradesim and C (default 2)")
    ap.add_argument("--target-cpu", nargs="+", default=["native"], metavar="CPU",
                    help="build and time tradesim and C for these CPUs, side by side: native (the host's own "
                         "build, the default) or a -march/-target-cpu name such as haswell (AVX2 + FMA)")
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    ap.add_argument("--no-numpy", action="store_true", help="leave out the NumPy reference")
    ap.add_argument("--json", help="also write the raw timings here")
    a = ap.parse_args()

    root = os.getcwd()
    bench_dir = os.path.join(a.shared, "bench")
    bench_bin = os.environ.get("BENCH_BIN", "/tmp/tradesim-bench/bin")
    study = os.path.join(root, "scenarios", "benchmark.json")
    if not os.path.exists(study):
        sys.exit("run this from the repository's root (scenarios/benchmark.json not found)")
    cpus = list(dict.fromkeys(a.target_cpu))
    # Per CPU: (tradesim's scratch path, the C references' folder, extra environment of the builds).
    builds = {cpu: (os.path.join(root, ".build"), bench_bin, {}) if cpu == "native" else
              (os.path.join(root, f".build-{cpu}"), f"{bench_bin}-{cpu}",
               {"TRADESIM_TARGET_CPU": cpu, "BENCH_MARCH": cpu})
              for cpu in cpus}
    if not a.no_build:
        for cpu, (scratch, c_bin, env) in builds.items():
            env = dict(os.environ, BENCH_BIN=c_bin, **env)
            if cpu == "native":  # the host's own build, whatever the caller's environment says
                env.pop("TRADESIM_TARGET_CPU", None)
                env.pop("BENCH_MARCH", None)
            subprocess.run(["sh", os.path.join(bench_dir, "build.sh")], check=True, stdout=subprocess.DEVNULL, env=env)
            subprocess.run(["swift", "build", "-c", "release", "--product", "tradesim", "--scratch-path", scratch],
                           check=True, stdout=subprocess.DEVNULL, env=env)

    out_dir = tempfile.mkdtemp(prefix="tradesim-bench-")
    impls = {}
    pairs = []  # (tradesim's name, C's name) per CPU, for the ratios
    for cpu, (scratch, c_bin, _) in builds.items():
        suffix = "" if cpus == ["native"] else f" {cpu}"
        tradesim = os.path.join(scratch, "release", "tradesim")
        c_name = f"C{suffix} ({a.threads} threads)"
        # --analysis-paths 0: the workload has no exposure or P&L attribution (the C and NumPy
        # references compute neither); a user's default run adds them on its first 500 paths.
        impls[f"tradesim{suffix}"] = (lambda t: lambda n: [
            t, "run", study, "--paths", str(n), "--threads", str(a.threads),
            "--out", out_dir, "--quiet", "--analysis-paths", "0"])(tradesim)
        impls[c_name] = (lambda c: lambda n: [os.path.join(c, "ref_c"), str(n), str(a.threads)])(c_bin)
        pairs.append((f"tradesim{suffix}", c_name))
    if not a.no_numpy:
        impls["NumPy"] = lambda n: [sys.executable, os.path.join(bench_dir, "ref_numpy.py"), "--n", str(n)]
    names = list(impls)

    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(f"workload: {os.path.join(bench_dir, 'WORKLOAD.md')}; {a.reps} alternating repetitions per size; "
          "whole-process wall time; medians\n")
    results = {"machine": info, "threads": a.threads, "reps": a.reps, "target_cpus": cpus, "runs": []}
    for n in a.sizes:
        samples = {name: [] for name in names}
        for rep in range(a.reps):
            order = names[rep % len(names):] + names[:rep % len(names)]
            for name in order:
                wall, rss = run_once(impls[name](n), root)
                samples[name].append((wall, rss))
                results["runs"].append({"impl": name, "paths": n, "rep": rep, "wall_s": wall, "peak_rss_mib": rss})
                print(f"  {n:>9,} paths  rep {rep + 1}  {name:<24} {wall:8.3f} s  {rss:8.1f} MiB", flush=True)
        medians = {name: statistics.median(w for w, _ in samples[name]) for name in names}
        print(f"\n{n:,} paths ({n * STEPS:,} path-steps)")
        print(f"  {'implementation':<24} {'median s':>9} {'min s':>8} {'max s':>8} {'path-steps/s':>13} {'peak RSS MiB':>13}")
        for name in names:
            walls = [w for w, _ in samples[name]]
            rss = max(r for _, r in samples[name])
            print(f"  {name:<24} {medians[name]:9.3f} {min(walls):8.3f} {max(walls):8.3f} "
                  f"{n * STEPS / medians[name]:13.3e} {rss:13.1f}")
        for t_name, c_name in pairs:
            label = t_name.removeprefix("tradesim").strip()
            print(f"  {label + ': ' if label else ''}tradesim / C = {medians[t_name] / medians[c_name]:.2f}"
                  + (f";  NumPy / tradesim = {medians['NumPy'] / medians[t_name]:.1f}" if "NumPy" in medians else ""))
        print(flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
