#!/usr/bin/env python3
"""What the 25 degC NCA HPPC test says about a polarisation slower than the preset's 31 s pair.

A diagnostic behind docs/estimation.md, "The low-SOC residual is a slow polarisation": per HPPC
level (the rows between two gaps of the file), the rests after the pulses are fitted by linear
least squares with the OCV linear in Ah, the 31 s pair, a free linear drift and a candidate slow
term, and the semi-infinite diffusion term's coefficient is run on the 25 degC drive logs to show
how far it overpredicts them. The drive logs are used only for that comparison; nothing is fitted on
them. Needs numpy.

    scripts/nca-hppc-slow-tail.py [DATA_DIR]   # DATA_DIR: shared/data/panasonic_18650pf_nca
"""
import os
import sys

import numpy as np

TAU2 = 31.0  # the preset's slow pair (s)
ON_AMPS = 0.05
MIN_REST_S = 5.0


def data_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    d = os.path.abspath(os.path.dirname(__file__))
    while d != "/":
        candidate = os.path.join(d, "shared", "data", "panasonic_18650pf_nca")
        if os.path.isdir(candidate):
            return candidate
        d = os.path.dirname(d)
    sys.exit("no shared/data/panasonic_18650pf_nca found above this script; give it as the argument")


def read(path):
    return np.genfromtxt(path, delimiter=",", names=True)


def levels(h):
    t = h["time_s"]
    gaps = np.where(np.diff(t) > 500)[0]
    return zip(np.r_[0, gaps + 1], np.r_[gaps, len(t) - 1])


def pulses_and_rests(tt, ii):
    on = np.abs(ii) >= ON_AMPS
    pulses = []
    k = 0
    while k < len(tt):
        if on[k]:
            j = k
            while j + 1 < len(tt) and on[j + 1]:
                j += 1
            pulses.append((tt[k - 1] if k > 0 else tt[k], tt[j], ii[k : j + 1].mean()))
            k = j + 1
        else:
            k += 1
    rests = []
    for m in range(len(tt)):
        ended = [p[1] for p in pulses if p[1] <= tt[m]]
        if not on[m] and ended and tt[m] - max(ended) >= MIN_REST_S:
            rests.append(m)
    return pulses, np.array(rests)


def pair_tail(tr, pulses, tau):
    out = np.zeros(len(tr))
    for a, b, amps in pulses:
        m = tr > b
        out[m] += amps * (1 - np.exp(-(b - a) / tau)) * np.exp(-(tr[m] - b) / tau)
    return out


def sqrt_tail(tr, pulses):
    out = np.zeros(len(tr))
    for a, b, amps in pulses:
        m = tr > b
        out[m] += amps * (2 / np.sqrt(np.pi)) * (np.sqrt(tr[m] - a) - np.sqrt(tr[m] - b))
    return out


def fit(columns, y):
    x = np.vstack(columns).T
    c, *_ = np.linalg.lstsq(x, y, rcond=None)
    return c, np.sqrt(np.mean((y - x @ c) ** 2))


def main():
    d = data_dir()
    h = read(os.path.join(d, "pan18650pf_25C_HPPC_native.csv"))
    t, i, v, ah = h["time_s"], h["current_a"], h["voltage_v"], h["capacity_ah"]
    socs, sigmas = [], []
    print("HPPC level rests: RMS (mV) and slow term per candidate")
    for s, e in levels(h):
        tt, ii, vv, aa = t[s : e + 1], i[s : e + 1], v[s : e + 1], ah[s : e + 1]
        pulses, rests = pulses_and_rests(tt, ii)
        if len(rests) < 50:
            continue
        tr, y = tt[rests], vv[rests]
        base = [np.ones(len(tr)), aa[rests], pair_tail(tr, pulses, TAU2), (tr - tr[0]) / 3600]
        _, rms2 = fit(base, y)
        line = f"soc {1 + ah[s] / 2.9:.2f}: two pairs {1e3 * rms2:.2f}"
        for tau3 in (100, 200, 400, 800, 1600):
            c, rms = fit(base + [pair_tail(tr, pulses, tau3)], y)
            line += f" | pair {tau3} s: R3 {1e3 * c[-1]:.0f} mOhm {1e3 * rms:.2f}"
        c, rms = fit(base + [sqrt_tail(tr, pulses)], y)
        line += f" | sqrt t: {1e3 * c[-1]:.2f} mV/A/sqrt(s) {1e3 * rms:.2f}"
        print(line)
        socs.append(1 + ah[s] / 2.9)
        sigmas.append(c[-1])
    order = np.argsort(socs)
    socs, sigmas = np.array(socs)[order], np.array(sigmas)[order]
    print("semi-infinite diffusion term with the HPPC coefficients, run on the drive logs (mean mV)")
    for cycle in ("US06", "HWFTa", "LA92", "Cycle_1", "Cycle_2"):
        g = read(os.path.join(d, f"pan18650pf_25C_{cycle}.csv"))
        amps, soc = g["current_a"], g["soc_ref"]
        lag = np.arange(len(amps) + 1)
        kernel = (2 / np.sqrt(np.pi)) * (np.sqrt(lag[1:]) - np.sqrt(lag[:-1]))
        volts = np.convolve(amps, kernel)[: len(amps)] * np.interp(soc, socs, sigmas)
        line = f"{cycle:8s}"
        for lo in (0.2, 0.35, 0.5, 0.65):
            m = (soc >= lo) & (soc < lo + 0.15)
            line += f"  soc {lo:.2f}-{lo + 0.15:.2f}: {1e3 * volts[m].mean():+.0f}"
        print(line)


if __name__ == "__main__":
    main()
