"""NumPy side of the credit Monte Carlo benchmark (run by bench/credit-monte-carlo.ts with bench/.venv/bin/python).

    python bench/credit_monte_carlo.py <run dir> <processes> <paths per block>

The SAME model as lib/credit/monte-carlo (see model.ts there): Vasicek short rate, refinancing S-curve
prepayment with a seasoning ramp, an OU credit factor driving the CDR, per-loan default multipliers and
severities, recoveries after a lag, pathwise discounting at short rate + OAS, per-path IRR and WAL, and
month-by-month P5/P50/P95 bands. The random numbers are the same Philox4x32-10 counters as the TypeScript
side (counter [month, path, 0, 0], key = seed), generated here vectorised over paths, so both sides
simulate identical paths and their results can be compared number for number.

Idiomatic NumPy: each month is a handful of whole-array operations over (paths in a block) x (loans still
amortising); blocks of paths keep the arrays cache-sized; `processes` > 1 runs blocks in a
multiprocessing pool. Reads pool.f64 and model.json from the run dir, prints one JSON line.
"""
import json
import os
import resource
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

M0, M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
W0, W1 = 0x9E3779B9, 0xBB67AE85
MASK = np.uint64(0xFFFFFFFF)


def philox4x32(c0, c1, c2, c3, k0, k1):
    """Philox4x32-10 on uint64 arrays holding uint32 values; the product of two uint32 fits in uint64."""
    x0, x1, x2, x3 = (np.asarray(c, dtype=np.uint64) for c in (c0, c1, c2, c3))
    for r in range(10):
        key0 = np.uint64((k0 + r * W0) & 0xFFFFFFFF)
        key1 = np.uint64((k1 + r * W1) & 0xFFFFFFFF)
        p0 = M0 * x0
        p1 = M1 * x2
        x0, x1, x2, x3 = (p1 >> np.uint64(32)) ^ x1 ^ key0, p1 & MASK, (p0 >> np.uint64(32)) ^ x3 ^ key1, p0 & MASK
    return x0, x1, x2, x3


def uniform53(hi, lo):
    return ((hi >> np.uint64(5)).astype(np.float64) * 67108864.0 + (lo >> np.uint64(6)).astype(np.float64)) / 9007199254740992.0


def normals(seed, paths, months):
    """Two (paths x months) standard normals by Box-Muller on one Philox block per (path, month)."""
    t = np.broadcast_to(np.arange(months, dtype=np.uint64)[None, :], (len(paths), months))
    p = np.broadcast_to(paths.astype(np.uint64)[:, None], (len(paths), months))
    x0, x1, x2, x3 = philox4x32(t, p, 0, 0, seed & 0xFFFFFFFF, (seed // 4294967296) & 0xFFFFFFFF)
    u1 = uniform53(x0, x1)
    u2 = uniform53(x2, x3)
    radius = np.sqrt(-2.0 * np.log(1.0 - u1))
    angle = 2.0 * np.pi * u2
    return radius * np.cos(angle), radius * np.sin(angle)


def cpr_to_smm(cpr):
    return 1.0 - (1.0 - cpr) ** (1.0 / 12.0)


def ou_step(kappa, sigma):
    dt = 1.0 / 12.0
    return sigma * np.sqrt(dt) if kappa == 0 else sigma * np.sqrt((1.0 - np.exp(-2.0 * kappa * dt)) / (2.0 * kappa))


def load(run_dir):
    meta = json.loads((run_dir / "model.json").read_text())
    columns = np.fromfile(run_dir / "pool.f64", dtype="<f8").reshape(6, -1)
    return meta, columns


def pool_tables(columns, horizon, steepness):
    balance, rate, term, age, mult, sev = columns
    n = len(balance)
    monthly = rate / 12.0
    scheduled = np.zeros((horizon, n))
    left = term[None, :] - np.arange(horizon)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(monthly[None, :] == 0, 1.0 / left, monthly[None, :] / ((1.0 + monthly[None, :]) ** left - 1.0))
    share[left == 1] = 1.0  # exactly, as on the TypeScript side, so a loan ends at exactly zero
    scheduled[left > 0] = share[left > 0]
    active = (left > 0).sum(axis=1)
    return monthly, np.exp(-steepness * rate), scheduled, active


def irr_bisection(flows):
    """Monthly IRR of each row of flows (first column the price paid): the NPV of flows -P, +cf... falls
    strictly with the rate (one sign change), so bisection on [-0.99, 1] per month is safe; 60 halvings."""
    lo = np.full(flows.shape[0], -0.99)
    hi = np.full(flows.shape[0], 1.0)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        v = 1.0 / (1.0 + mid)
        acc = np.zeros(flows.shape[0])
        for t in range(flows.shape[1] - 1, -1, -1):
            acc = acc * v + flows[:, t]
        positive = acc > 0
        lo = np.where(positive, mid, lo)
        hi = np.where(positive, hi, mid)
    rate = 0.5 * (lo + hi)
    has_root = (flows[:, 1:] > 0).any(axis=1)
    return np.where(has_root, rate * 12.0, np.nan)


def simulate_block(args):
    run_dir, seed, start, stop = args
    meta, columns = load(Path(run_dir))
    m = meta["model"]
    balance0, _, _, age, mult, sev = columns
    horizon, lag = m["horizonMonths"], m["recoveryLagMonths"]
    months = horizon + lag
    monthly, curve_factor, scheduled, active_loans = pool_tables(columns, horizon, m["prepayment"]["steepness"])
    paths = np.arange(start, stop)
    b = len(paths)
    z1, z2 = normals(seed, paths, months)

    sr, dm, pp = m["shortRate"], m["default"], m["prepayment"]
    dt = 1.0 / 12.0
    rate_decay, rate_step = np.exp(-sr["meanReversion"] * dt), ou_step(sr["meanReversion"], sr["volatility"])
    credit_decay, credit_step = np.exp(-dm["meanReversion"] * dt), ou_step(dm["meanReversion"], dm["volatility"])
    rho = dm["correlation"]
    rho_c = np.sqrt(1.0 - rho**2)
    short = np.empty((b, months))
    mdr = np.empty((b, months))
    r = np.full(b, sr["initial"])
    x = np.zeros(b)
    for t in range(months):
        r = sr["longTermMean"] + (r - sr["longTermMean"]) * rate_decay + rate_step * z1[:, t]
        x = x * credit_decay + credit_step * (rho * z1[:, t] + rho_c * z2[:, t])
        short[:, t] = r
        cdr = np.minimum(dm["maxCdr"], dm["baseCdr"] * np.exp(x + dm["rateSensitivity"] * (r - sr["initial"])))
        mdr[:, t] = 1.0 - (1.0 - cdr) ** (1.0 / 12.0)
    scale = np.exp(pp["steepness"] * (short + pp["mortgageSpread"] + pp["midpoint"]))
    smm_min = cpr_to_smm(pp["minCpr"])
    smm_span = cpr_to_smm(pp["maxCpr"]) - smm_min

    cash = np.zeros((b, months))
    bal_out = np.zeros((b, months))
    loss = np.zeros((b, months))
    recovery = np.zeros((b, months))
    principal_down = np.zeros((b, horizon))
    n = len(balance0)
    bal = np.broadcast_to(balance0, (b, n)).copy()
    # Work arrays allocated once and reused through `out=`, so a month makes no temporaries.
    defaulted_buf, performing_buf, rest_buf, smm_buf = (np.empty((b, n)) for _ in range(4))
    ones = np.ones(n)
    opening = np.full(b, balance0.sum())
    for t in range(horizon):
        a = int(active_loans[t])
        if a == 0:
            break
        bl = bal[:, :a]
        defaulted, performing, rest, smm = (x[:, :a] for x in (defaulted_buf, performing_buf, rest_buf, smm_buf))
        np.multiply(mult[None, :a], mdr[:, t, None], out=defaulted)
        np.minimum(defaulted, 1.0, out=defaulted)
        np.multiply(bl, defaulted, out=defaulted)
        np.subtract(bl, defaulted, out=performing)
        np.multiply(performing, scheduled[t, None, :a], out=rest)
        np.subtract(performing, rest, out=rest)
        ramp = np.minimum(1.0, (age[:a] + (t + 1)) / pp["seasoningMonths"])
        np.multiply(curve_factor[None, :a], scale[:, t, None], out=smm)
        np.add(smm, 1.0, out=smm)
        np.divide(smm_span, smm, out=smm)
        np.add(smm, smm_min, out=smm)
        np.multiply(smm, ramp[None, :], out=smm)
        np.multiply(rest, smm, out=smm)
        np.subtract(rest, smm, out=bl)  # bl is a view of bal: the balances left after the month
        interest = performing @ monthly[:a]
        left_total = bl @ ones[:a]
        d = defaulted @ ones[:a]
        # Loans past their term hold zero, so the opening balance is last month's closing one (as in the
        # TypeScript loop): principal paid = opening - defaulted - left.
        paid = opening - d - left_total
        opening = left_total
        lost = defaulted @ sev[:a]
        cash[:, t] = interest + paid
        bal_out[:, t] = left_total
        loss[:, t + lag] = lost
        recovery[:, t + lag] = d - lost
        principal_down[:, t] = paid + d
    cash += recovery

    price = m["valuation"]["priceRatio"] * balance0.sum()
    discount = np.exp(-np.cumsum(short + m["valuation"]["oas"], axis=1) / 12.0)
    npv = (cash * discount).sum(axis=1) - price
    weights = np.arange(1, horizon + 1)
    total_down = principal_down.sum(axis=1)
    wal = np.where(total_down > 0, (principal_down @ weights) / np.where(total_down > 0, total_down, 1) / 12.0, 0.0)
    loss_rate = loss.sum(axis=1) / balance0.sum()
    return start, {"cashFlow": cash, "balance": bal_out, "loss": loss, "shortRate": short}, {
        "npv": npv,
        "wal": wal,
        "lossRate": loss_rate,
    }


def distribution(values):
    kept = values[~np.isnan(values)]
    p5, p50, p95 = np.percentile(kept, [5, 50, 95])
    return {
        "count": int(kept.size),
        "mean": float(kept.mean()),
        "std": float(kept.std(ddof=1)),
        "min": float(kept.min()),
        "max": float(kept.max()),
        "p5": float(p5),
        "p50": float(p50),
        "p95": float(p95),
    }


def main():
    run_dir = Path(sys.argv[1])
    processes = int(sys.argv[2])
    block = int(sys.argv[3])
    meta, columns = load(run_dir)
    seed, total = meta["seed"], meta["paths"]
    cpu0 = os.times()
    t0 = time.perf_counter()
    jobs = [(str(run_dir), seed, s, min(total, s + block)) for s in range(0, total, block)]
    if processes > 1:
        with Pool(processes) as pool:
            results = pool.map(simulate_block, jobs)
    else:
        results = [simulate_block(job) for job in jobs]
    results.sort(key=lambda r: r[0])
    series = {k: np.concatenate([r[1][k] for r in results]) for k in results[0][1]}
    scalars = {k: np.concatenate([r[2][k] for r in results]) for k in results[0][2]}
    # IRR once over all paths: each bisection step is then one array operation per month for every path.
    price = meta["model"]["valuation"]["priceRatio"] * columns[0].sum()
    cash = series["cashFlow"]
    scalars["irr"] = irr_bisection(np.concatenate([np.full((cash.shape[0], 1), -price), cash], axis=1))
    simulate_seconds = time.perf_counter() - t0
    bands = {k: np.percentile(v, [5, 50, 95], axis=0) for k, v in series.items()}
    summary = {
        "distributions": {k: distribution(v) for k, v in scalars.items()},
        "bands": {k: {"p5": v[0].tolist(), "p50": v[1].tolist(), "p95": v[2].tolist()} for k, v in bands.items()},
    }
    seconds = time.perf_counter() - t0
    cpu1 = os.times()
    cpu_seconds = sum(cpu1[:4]) - sum(cpu0[:4])  # user + system, this process and its reaped children
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    (run_dir / f"numpy-summary-{processes}.json").write_text(json.dumps(summary))
    print(
        json.dumps(
            {
                "side": f"NumPy {np.__version__}, {processes} process{'es' if processes > 1 else ''}, blocks of {block} paths",
                "parallelism": processes,
                "seconds": seconds,
                "simulateSeconds": simulate_seconds,
                "cpuSeconds": cpu_seconds,
                "peakRssMiB": own / 1024,
                "peakChildRssMiB": children / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
