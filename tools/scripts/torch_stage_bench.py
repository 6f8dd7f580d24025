#!/usr/bin/env python3
"""PyTorch CPU eager measuring stick for `iotaj bench kernels`.

Times, with the same statistic as the Java bench (fastest of several runs after warm-up, medians too):
  * the GEMMs (1024,1024,1024), (2048,1376,512), (2048,512,1376) as NT (y = x W^T), NN (dx = dy W)
    and TN (dW = dy^T x), through torch.mm into a preallocated output;
  * one body stage of the standard model (dim 512, 8 heads, 4 kv heads, ffn 1376, bottleneck 8, a receiving,
    two standard and a bottleneck block, batch 4 x seq 256) forward + backward, using the reference model
    (shared/reference/iota_model.py) unchanged, with autograd.
Prints one JSON object on one line. With --compare FILE (the output of `iotaj bench kernels --json`) it adds
"java_over_torch": the Java/PyTorch GFLOP/s ratio of every GEMM and the stage speed-up (PyTorch ms / Java ms).
IOTA-J never depends on this script or on PyTorch.

  python3 tools/scripts/torch_stage_bench.py [--threads N] [--seconds S] [--reference DIR] [--compare FILE]
"""
import argparse
import json
import os
import statistics
import sys
import time


def fastest(work, setup=lambda: None, warmups=2, min_runs=3, seconds=1.0):
    for _ in range(warmups):
        setup()
        work()
    runs, start = [], time.perf_counter()
    while len(runs) < min_runs or time.perf_counter() - start < seconds:
        setup()
        t0 = time.perf_counter()
        work()
        runs.append(time.perf_counter() - t0)
    return min(runs), statistics.median(runs), len(runs)


def bench_gemms(torch, seconds):
    results = []
    for m, n, k in ((1024, 1024, 1024), (2048, 1376, 512), (2048, 512, 1376)):
        for op in ("NT", "NN", "TN"):
            a = torch.rand(k, m) if op[0] == "T" else torch.rand(m, k)
            b = torch.rand(n, k) if op[1] == "T" else torch.rand(k, n)
            c = torch.empty(m, n)
            lhs = a.t() if op[0] == "T" else a
            rhs = b.t() if op[1] == "T" else b
            best, median, _ = fastest(lambda: torch.mm(lhs, rhs, out=c), seconds=seconds)
            flops = 2.0 * m * n * k
            results.append({"m": m, "n": n, "k": k, "op": op, "gflops": round(flops / best / 1e9, 1),
                            "gflops_median": round(flops / median / 1e9, 1)})
    return results


def bench_stage(torch, ref, seconds):
    cfg = ref.Config({"vocab_size": 256, "dim": 512, "n_layers": 12, "n_heads": 8, "n_kv_heads": 4,
                      "ffn_dim": 1376, "bottleneck_dim": 8, "max_seq_len": 256, "rope_theta": 10000.0,
                      "norm_eps": 1e-5, "stages": [[0, 4], [4, 8], [8, 12]]})
    stage, batch, seq = 1, 4, 256
    weights = ref.init_weights(cfg, 1234)
    w = {n: t.requires_grad_(True) for n, t in weights.items() if ref.stage_of(cfg, n) == stage}
    g = torch.Generator().manual_seed(99)
    x = torch.randn(batch, seq, cfg.bottleneck_dim, generator=g)
    grad_out = torch.randn(batch, seq, cfg.bottleneck_dim, generator=g)

    def reset():
        for t in w.values():
            t.grad = None

    def forward_backward():
        ref.stage_forward(cfg, w, stage, x).backward(grad_out)

    best, median, runs = fastest(forward_backward, setup=reset, warmups=1, seconds=3 * seconds)
    return {"stage_fwd_bwd_ms": round(best * 1e3, 2), "stage_fwd_bwd_ms_median": round(median * 1e3, 2),
            "stage_tokens_per_s": round(batch * seq / best, 1), "stage_runs": runs}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: all cores)")
    parser.add_argument("--seconds", type=float, default=1.0, help="time budget per measurement (stage: 3x)")
    parser.add_argument("--reference", default=os.path.join(root, "..", "shared", "reference"),
                        help="directory holding iota_model.py (default: ../shared/reference)")
    parser.add_argument("--no-stage", action="store_true", help="only the GEMMs")
    parser.add_argument("--compare", metavar="FILE", help="JSON line from `iotaj bench kernels --json` to compare")
    args = parser.parse_args()
    java = None
    if args.compare:
        try:
            with open(args.compare, encoding="utf-8") as f:
                java = json.loads(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError) as e:
            sys.exit("torch_stage_bench: cannot read --compare " + args.compare + ": " + str(e))

    try:
        import torch
    except ImportError:
        sys.exit("torch_stage_bench: PyTorch is missing (apt-get install -y python3-torch libopenblas0-pthread)")
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    report = {"threads": torch.get_num_threads(), "torch": torch.__version__}
    with torch.no_grad():
        report["gemm"] = bench_gemms(torch, args.seconds)
    if not args.no_stage:
        if not os.path.isfile(os.path.join(args.reference, "iota_model.py")):
            sys.exit("torch_stage_bench: no iota_model.py in " + args.reference + " (use --reference DIR)")
        sys.path.insert(0, args.reference)
        import iota_model
        report.update(bench_stage(torch, iota_model, args.seconds))
    if java is not None:
        report["java_over_torch"] = compare(java, report)
    print(json.dumps(report, separators=(",", ":")))


def compare(java, torch_report):
    """Java / PyTorch GFLOP/s per GEMM (same m, n, k, op) and PyTorch ms / Java ms for the stage."""
    ours = {(g["m"], g["n"], g["k"], g["op"]): g["gflops"] for g in java.get("gemm", [])}
    ratios = {"gemm": []}
    for g in torch_report["gemm"]:
        key = (g["m"], g["n"], g["k"], g["op"])
        if key in ours and g["gflops"] > 0:
            ratios["gemm"].append({"m": key[0], "n": key[1], "k": key[2], "op": key[3],
                                   "ratio": round(ours[key] / g["gflops"], 2)})
    if "stage_fwd_bwd_ms" in java and "stage_fwd_bwd_ms" in torch_report:
        ratios["stage_speedup"] = round(torch_report["stage_fwd_bwd_ms"] / java["stage_fwd_bwd_ms"], 2)
    if java.get("threads") != torch_report["threads"]:
        ratios["warning"] = "thread counts differ: java %s, torch %s" % (java.get("threads"), torch_report["threads"])
    return ratios


if __name__ == "__main__":
    main()
