"""scikit-learn side of the forest benchmark (run by bench/random-forest.ts with bench/.venv/bin/python).

    python bench/sklearn-side.py <data dir> <n_estimators> <n_jobs>

Reads the same float64 files as the Node side and prints one JSON line with the same measures.
"""
import json
import pickle
import resource
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score

data = Path(sys.argv[1])
n_estimators = int(sys.argv[2])
n_jobs = int(sys.argv[3])
meta = json.loads((data / "meta.json").read_text())
f = meta["nFeatures"]
x_train = np.fromfile(data / "x-train.f64", dtype="<f8").reshape(-1, f)
y_train = np.fromfile(data / "y-train.f64", dtype="<f8")
x_test = np.fromfile(data / "x-test.f64", dtype="<f8").reshape(-1, f)
y_test = np.fromfile(data / "y-test.f64", dtype="<f8")

model = RandomForestRegressor(n_estimators=n_estimators, n_jobs=n_jobs, random_state=1)
t0 = time.perf_counter()
model.fit(x_train, y_train)
train_seconds = time.perf_counter() - t0

t1 = time.perf_counter()
predicted = model.predict(x_test)
predict_seconds = time.perf_counter() - t1

artifact = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
# ru_maxrss is in KiB on Linux; joblib runs forest fits on threads, so this process holds the peak.
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(
    json.dumps(
        {
            "side": f"scikit-learn {sklearn.__version__} RandomForestRegressor(n_jobs={n_jobs})",
            "trees": n_estimators,
            "trainSeconds": train_seconds,
            "predictRowsPerSecond": len(y_test) / predict_seconds,
            "holdoutR2": r2_score(y_test, predicted),
            "artifactBytes": len(artifact),
            "peakRssMiB": peak / 1024,
        }
    )
)
