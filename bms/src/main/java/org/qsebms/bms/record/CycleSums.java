package org.qsebms.bms.record;

import java.util.Arrays;

/** Per-cell sums over a stretch of time: charge and energy each way, temperature range. Allocation-free. */
final class CycleSums {
    final double[] chargeAh;
    final double[] dischargeAh;
    final double[] chargeWh;
    final double[] dischargeWh;
    final double[] minCelsius;
    final double[] maxCelsius;
    long startMillis;
    long endMillis;

    CycleSums(int cells) {
        chargeAh = new double[cells];
        dischargeAh = new double[cells];
        chargeWh = new double[cells];
        dischargeWh = new double[cells];
        minCelsius = new double[cells];
        maxCelsius = new double[cells];
        reset(0);
    }

    void reset(long atMillis) {
        startMillis = atMillis;
        endMillis = atMillis;
        Arrays.fill(chargeAh, 0.0);
        Arrays.fill(dischargeAh, 0.0);
        Arrays.fill(chargeWh, 0.0);
        Arrays.fill(dischargeWh, 0.0);
        Arrays.fill(minCelsius, Double.POSITIVE_INFINITY);
        Arrays.fill(maxCelsius, Double.NEGATIVE_INFINITY);
    }

    /** One cell over one step: its own current (pack current less its bleed), voltage and temperature. */
    void add(int cell, double cellAmps, double cellVolts, double celsius, double dtSeconds) {
        double ah = cellAmps * dtSeconds / 3600.0;
        if (ah > 0) {
            chargeAh[cell] += ah;
            chargeWh[cell] += ah * cellVolts;
        } else if (ah < 0) {
            dischargeAh[cell] -= ah;
            dischargeWh[cell] -= ah * cellVolts;
        }
        if (celsius < minCelsius[cell]) {
            minCelsius[cell] = celsius;
        }
        if (celsius > maxCelsius[cell]) {
            maxCelsius[cell] = celsius;
        }
    }

    /** Adds {@code later} (the stretch right after this one) and ends where it ends. */
    void absorb(CycleSums later) {
        for (int i = 0; i < chargeAh.length; i++) {
            chargeAh[i] += later.chargeAh[i];
            dischargeAh[i] += later.dischargeAh[i];
            chargeWh[i] += later.chargeWh[i];
            dischargeWh[i] += later.dischargeWh[i];
            minCelsius[i] = Math.min(minCelsius[i], later.minCelsius[i]);
            maxCelsius[i] = Math.max(maxCelsius[i], later.maxCelsius[i]);
        }
        endMillis = later.endMillis;
    }

    boolean empty() {
        for (int i = 0; i < chargeAh.length; i++) {
            if (chargeAh[i] > 0 || dischargeAh[i] > 0) {
                return false;
            }
        }
        return true;
    }
}
