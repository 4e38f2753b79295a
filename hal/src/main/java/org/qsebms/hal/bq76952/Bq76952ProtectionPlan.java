package org.qsebms.hal.bq76952;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data-memory values that set up a BQ76952 for a pack: measurement units, which cell inputs
 * are used, the current-sense gain, thermistor pins, and every hardware protection (COV, CUV,
 * OCC, OCD1, OCD2, SCD, OTC, OTD, UTC, UTD) derived from the software MSLs plus
 * {@link Bq76952Margins}, rounded outward to the chip's steps. Units and ranges from the TRM
 * (SLUUBY2, Protections section) and Libre Solar's bq769x2 driver: COV/CUV 50.6 mV steps
 * (COV 20..110, CUV 20..90), delays 3.3 ms steps (1..2047); OCC/OCD thresholds 2 mV of shunt
 * voltage (OCC 2..62, OCD 2..100), delays (n + 2) x 3.3 ms (n 1..127); SCD a table of 10..500 mV,
 * delay (n - 1) x 15 us (n 1..31); temperatures 1 degC, delays 1 s.
 *
 * <p>A limit the chip cannot place beyond the MSL (an OCC above 124 mV of shunt voltage, an SCD
 * above 500 mV, a CUV below 1.012 V) is refused with the fix, because a chip threshold inside
 * the MSL would act before the software.
 */
public final class Bq76952ProtectionPlan {
    /** DA Configuration: user amps = 10 mA (bits 1:0 = 2), user volts = 10 mV (bit 2). */
    static final int DA_CONFIGURATION = 0x06;

    static final double USER_AMPS = 0.010;
    static final double USER_VOLTS = 0.010;
    /** TS pin configuration: thermistor, 18k model, used for cell temperature protections (Libre Solar boards). */
    static final int TS_THERMISTOR = 0x07;

    static final double CELL_STEP_MV = 50.6;
    static final int[] SCD_MILLIVOLTS = {10, 20, 40, 60, 80, 100, 125, 150, 175, 200, 250, 300, 350, 400, 450, 500};
    /** Enabled Protections A: SCD, OCD2, OCD1, OCC, COV, CUV. */
    static final int ENABLED_A = 0xFC;
    /** Enabled Protections B: OTD, OTC, UTD, UTC. */
    static final int ENABLED_B = 0x33;
    /** Enabled Protections C: HWDF, the host watchdog (bit 1, as in Safety Status C). */
    static final int ENABLED_C_HWD = 0x02;

    private final List<Bq76952Setting> settings = new ArrayList<>();
    private final String where;

    private Bq76952ProtectionPlan(String where) {
        this.where = where;
    }

    /**
     * @param cellInputs chip cell inputs in use (1..16), bottom cell first
     * @param tsPins     thermistor pins in use (1..3)
     * @param where      config path for messages ({@code hal.bq76952})
     */
    public static Bq76952ProtectionPlan of(
            Bq76952Limits msl,
            Bq76952Margins m,
            double shuntOhms,
            List<Integer> cellInputs,
            List<Integer> tsPins,
            String where) {
        Bq76952ProtectionPlan p = new Bq76952ProtectionPlan(where);
        int vcellMode = 0;
        for (int input : cellInputs) {
            vcellMode |= 1 << (input - 1);
        }
        p.add("Settings:Configuration:DA Configuration", 0x9303, 1, DA_CONFIGURATION, "10 mA, 10 mV user units");
        p.add("Settings:Configuration:Vcell Mode", 0x9304, 2, vcellMode, cellInputs.size() + " cells " + cellInputs);
        float ccGain = (float) (7.4768 / (shuntOhms * 1000.0));
        p.add(
                "Calibration:Current:CC Gain",
                0x91A8,
                4,
                Float.floatToRawIntBits(ccGain) & 0xFFFFFFFFL,
                fmt("%.4f for a %.3f mOhm shunt", ccGain, shuntOhms * 1000));
        for (int pin : tsPins) {
            p.add("Settings:Configuration:TS" + pin + " Config", 0x92FC + pin, 1, TS_THERMISTOR, "cell thermistor");
        }
        p.add("Settings:Protection:Enabled Protections A", 0x9261, 1, ENABLED_A, "SCD OCD2 OCD1 OCC COV CUV");
        p.add("Settings:Protection:Enabled Protections B", 0x9262, 1, ENABLED_B, "OTD OTC UTD UTC");
        long hwd = Math.round(m.hostWatchdogDelay().toMillis() / 1000.0);
        p.add(
                "Settings:Protection:Enabled Protections C",
                0x9263,
                1,
                hwd > 0 ? ENABLED_C_HWD : 0,
                hwd > 0 ? "HWDF" : "none");
        p.add("Protections:HWD:Delay", 0x92B2, 2, Math.min(65535, hwd), hwd > 0 ? hwd + " s" : "off");
        p.add("Settings:Protection:CHG FET Protections A", 0x9265, 1, 0x98, "SCD OCC COV");
        p.add("Settings:Protection:CHG FET Protections B", 0x9266, 1, 0x11, "OTC UTC");
        p.add("Settings:Protection:DSG FET Protections A", 0x9269, 1, 0xE4, "SCD OCD2 OCD1 CUV");
        p.add("Settings:Protection:DSG FET Protections B", 0x926A, 1, 0x22, "OTD UTD");
        p.add("Settings:Protection:CHG FET Protections C", 0x9267, 1, 0x52, "SCDL COVL HWDF");
        p.add("Settings:Protection:DSG FET Protections C", 0x926B, 1, 0x62, "SCDL OCDL HWDF");

        double covVolts = msl.cellOverVolts() + m.cellOverVolts();
        int cov = (int) Math.ceil(covVolts * 1000 / CELL_STEP_MV - 1e-9);
        p.require(cov <= 110, "cellOverVolts", covVolts, "V", "at most 5.566 V (110 x 50.6 mV)");
        cov = Math.max(20, cov);
        p.add("Protections:COV:Threshold", 0x9278, 1, cov, fmt("%.4f V", cov * CELL_STEP_MV / 1000));
        p.add(
                "Protections:COV:Delay",
                0x9279,
                2,
                steps(m.cellVoltageDelay(), 3_300_000, 0, 1, 2047),
                fmt("%.1f ms", steps(m.cellVoltageDelay(), 3_300_000, 0, 1, 2047) * 3.3));
        double cuvVolts = msl.cellUnderVolts() - m.cellUnderVolts();
        int cuv = (int) Math.floor(cuvVolts * 1000 / CELL_STEP_MV + 1e-9);
        p.require(cuv >= 20, "cellUnderVolts", cuvVolts, "V", "at least 1.012 V (20 x 50.6 mV)");
        cuv = Math.min(90, cuv);
        p.add("Protections:CUV:Threshold", 0x9275, 1, cuv, fmt("%.4f V", cuv * CELL_STEP_MV / 1000));
        p.add(
                "Protections:CUV:Delay",
                0x9276,
                2,
                steps(m.cellVoltageDelay(), 3_300_000, 0, 1, 2047),
                fmt("%.1f ms", steps(m.cellVoltageDelay(), 3_300_000, 0, 1, 2047) * 3.3));

        double mvPerAmp = shuntOhms * 1000;
        p.overCurrent(
                "OCC", 0x9280, msl.chargeAmps() * (1 + m.overCurrentFraction()), mvPerAmp, 62, m.overCurrentDelay());
        p.overCurrent(
                "OCD1",
                0x9282,
                msl.dischargeAmps() * (1 + m.overCurrentFraction()),
                mvPerAmp,
                100,
                m.overCurrentDelay());
        p.overCurrent("OCD2", 0x9284, msl.dischargeAmps() * m.ocd2Factor(), mvPerAmp, 100, m.ocd2Delay());

        double scdAmps = msl.dischargeAmps() * m.shortCircuitFactor();
        int scd = -1;
        for (int i = 0; i < SCD_MILLIVOLTS.length && scd < 0; i++) {
            if (SCD_MILLIVOLTS[i] >= scdAmps * mvPerAmp - 1e-9) {
                scd = i;
            }
        }
        p.require(
                scd >= 0,
                "SCD",
                scdAmps,
                "A",
                "at most 500 mV across the shunt (" + fmt("%.0f", 500 / mvPerAmp) + " A)");
        p.add(
                "Protections:SCD:Threshold",
                0x9286,
                1,
                scd,
                fmt("%d mV = %.0f A", SCD_MILLIVOLTS[scd], SCD_MILLIVOLTS[scd] / mvPerAmp));
        int scdDelay = steps(m.shortCircuitDelay(), 15_000, -1, 1, 31);
        p.add("Protections:SCD:Delay", 0x9287, 1, scdDelay, fmt("%d us", (scdDelay - 1) * 15));

        p.temperature("OTC", 0x929A, msl.chargeMaxCelsius() + m.celsius(), true, m.temperatureDelay());
        p.temperature("OTD", 0x929D, msl.dischargeMaxCelsius() + m.celsius(), true, m.temperatureDelay());
        p.temperature("UTC", 0x92A6, msl.chargeMinCelsius() - m.celsius(), false, m.temperatureDelay());
        p.temperature("UTD", 0x92A9, msl.dischargeMinCelsius() - m.celsius(), false, m.temperatureDelay());
        return p;
    }

    public List<Bq76952Setting> settings() {
        return List.copyOf(settings);
    }

    /** The setting called {@code name}, for tests and docs. */
    public Bq76952Setting setting(String name) {
        for (Bq76952Setting s : settings) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no setting " + name);
    }

    private void overCurrent(String name, int address, double amps, double mvPerAmp, int max, Duration delay) {
        int raw = (int) Math.ceil(amps * mvPerAmp / 2.0 - 1e-9);
        require(
                raw <= max,
                name,
                amps,
                "A",
                "at most " + max * 2 + " mV across the shunt (" + fmt("%.0f", max * 2 / mvPerAmp) + " A)");
        raw = Math.max(2, raw);
        add("Protections:" + name + ":Threshold", address, 1, raw, fmt("%d mV = %.1f A", raw * 2, raw * 2 / mvPerAmp));
        int d = steps(delay, 3_300_000, 2, 1, 127);
        add("Protections:" + name + ":Delay", address + 1, 1, d, fmt("%.1f ms", (d + 2) * 3.3));
    }

    private void temperature(String name, int address, double celsius, boolean over, Duration delay) {
        int raw = (int) (over ? Math.ceil(celsius - 1e-9) : Math.floor(celsius + 1e-9));
        require(raw >= -40 && raw <= 120, name, celsius, "degC", "-40..120 degC");
        add("Protections:" + name + ":Threshold", address, 1, raw & 0xFF, raw + " degC");
        int d = steps(delay, 1_000_000_000L, 0, 0, 255);
        add("Protections:" + name + ":Delay", address + 1, 1, d, d + " s");
        int recovery = over ? raw - 5 : raw + 5;
        add("Protections:" + name + ":Recovery", address + 2, 1, recovery & 0xFF, recovery + " degC");
    }

    /** {@code round(delay / unit) - offset}, clamped to min..max (the TRM's delay encodings). */
    private static int steps(Duration delay, long unitNanos, int offset, int min, int max) {
        long n = Math.round(delay.toNanos() / (double) unitNanos) - offset;
        return (int) Math.max(min, Math.min(max, n));
    }

    private void require(boolean ok, String what, double value, String unit, String range) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s: the BQ76952 %s threshold would be %.3f %s (software MSL plus margin), outside what the "
                            + "chip can set: "
                            + "%s; change the limit, the margins in %s.margins or the shunt",
                    where,
                    what,
                    value,
                    unit,
                    range,
                    where));
        }
    }

    private void add(String name, int address, int bytes, long value, String meaning) {
        settings.add(new Bq76952Setting(name, address, bytes, value, meaning));
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
