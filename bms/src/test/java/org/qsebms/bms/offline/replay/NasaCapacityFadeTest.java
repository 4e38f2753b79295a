package org.qsebms.bms.offline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qsebms.estimators.characterization.CellTestLog;
import org.qsebms.estimators.characterization.OcvFit;
import org.qsebms.estimators.characterization.OcvFitter;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.HealthSettings;
import org.qsebms.estimators.health.LimitWindowSettings;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.health.UsableCapacitySettings;
import org.qsebms.estimators.model.EcmParameters;

/**
 * Capacity fade on the NASA PCoE run-to-failure cells, learnt from the cycling itself: every charge
 * and discharge file of a cell is fed in time order (the unrecorded rests between files appear as
 * the time gap before each file's first, resting sample), and each capacity learnt is compared with
 * NASA's measured capacity (2 A, to the cell's cutoff) of that cycle.
 *
 * <p>Two capacities are learnt. The usable capacity ({@link UsableCapacityMeter}: charge from the
 * end of a CC-CV charge to the discharge cutoff) is NASA's own quantity and is asserted against it.
 * The health tracker's capacity ({@link CellHealthTracker}) is asserted against it too: read on the
 * fresh cell's OCV alone its rest windows did not see the fade (2026-11-26: B0005 1.91 -> 2.19 ->
 * 1.91 Ah against 1.86 -> 1.29 Ah, RMS 35 %), because an aged cell reaches its voltage limits at
 * other SOCs of that OCV; with the voltage limits given ({@link LimitWindowSettings}) its windows run
 * from a full charge (or a relaxed rest at 4.2 V) to the cutoff, each end read as the model SOC its
 * voltage and current mean, as in the controller (the OCV fitted here from the first discharge,
 * corrected by its step resistance, reads them near 1 and 0).
 * The drift constant of {@link LimitWindowSettings#at} and the choice to count discharges only were
 * made on B0005; B0006 is the evidence. For it the cell is characterised from its own first cycle only:
 * OCV from the first discharge (corrected by its step resistance; the fitter drops the 1.5 A charge
 * branch as too far from it), capacity the first discharge's.
 */
class NasaCapacityFadeTest {
    private record Event(String type, long startMillis, Path file, double nasaCapacityAh, double stepOhms) {}

    /** RMS and largest relative error of column {@code estimate} against column {@code truth} over the rows. */
    private record RelativeErrors(double rms, double max) {
        static RelativeErrors of(List<double[]> rows, int estimate, int truth) {
            double sumSq = 0;
            double max = 0;
            for (double[] r : rows) {
                double err = r[estimate] / r[truth] - 1;
                sumSq += err * err;
                max = Math.max(max, Math.abs(err));
            }
            return new RelativeErrors(Math.sqrt(sumSq / rows.size()), max);
        }
    }

    private static List<Event> events(String battery) throws IOException {
        Path summary = SharedData.file("nasa_pcoe_aging_18650/summary.csv");
        Path dir = summary.getParent();
        List<String> lines = Files.readAllLines(summary);
        List<String> h = List.of(lines.get(0).split(","));
        List<Event> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String type = f[h.indexOf("type")];
            if (!f[h.indexOf("battery")].equals(battery) || type.equals("impedance")) {
                continue;
            }
            long start = LocalDateTime.parse(f[h.indexOf("start_time")])
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            String cap = f[h.indexOf("capacity_ah_nasa")];
            String step = f[h.indexOf("r_step_ohm")];
            out.add(new Event(
                    type,
                    start,
                    dir.resolve(f[h.indexOf("file")]),
                    cap.isEmpty() ? Double.NaN : Double.parseDouble(cap),
                    step.isEmpty() ? Double.NaN : Double.parseDouble(step)));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"B0005, 2.7", "B0006, 2.5"})
    void healthTrackerFollowsTheMeasuredCapacityFade(String battery, double cutoffVolts) throws IOException {
        List<Event> events = events(battery);
        Event firstCharge = events.stream()
                .filter(e -> e.type().equals("charge"))
                .findFirst()
                .orElseThrow();
        Event firstDischarge = events.stream()
                .filter(e -> e.type().equals("discharge"))
                .findFirst()
                .orElseThrow();
        double capacity = firstDischarge.nasaCapacityAh();
        OcvFit ocv = new OcvFitter(0.005 * capacity, 0.08, 600)
                .fit(
                        List.of(CellLogCsv.read(firstCharge.file()), CellLogCsv.read(firstDischarge.file())),
                        capacity,
                        firstDischarge.stepOhms());
        System.out.println(battery + " OCV: " + ocv.note());
        EcmParameters cell = EcmParameters.builder()
                .capacityAh(capacity)
                .r0Ohms(firstDischarge.stepOhms())
                .r1Ohms(1e-4)
                .tau1Seconds(1.0)
                .r2Ohms(1e-4)
                .tau2Seconds(10.0)
                .activationEnergyJPerMol(0)
                .ocv(ocv.curve())
                .build();
        // the cell's own 100 % and 0 %: NASA's CC-CV charge to 4.2 V and its discharge cutoff (NASA's README)
        CellHealthTracker tracker = new CellHealthTracker(
                cell,
                1,
                HealthSettings.defaults(cell, firstDischarge.stepOhms(), Double.NaN, 2.0)
                        .withLimitWindows(LimitWindowSettings.at(4.2, cutoffVolts)));
        long[] revisionSeen = {0};
        double[] lastDischargeAh = {Double.NaN};
        List<double[]> compared = new ArrayList<>();
        replay(
                events,
                (e, amps, v, t, dt, millis) -> {
                    // a discharge's capacity is known once it has reached the cutoff (NASA's capacity is to it)
                    if (e.type().equals("discharge") && amps < 0 && v[0] <= cutoffVolts) {
                        lastDischargeAh[0] = e.nasaCapacityAh();
                    }
                    tracker.update(amps, v, t, dt, millis);
                    if (tracker.revision() != revisionSeen[0]) {
                        revisionSeen[0] = tracker.revision();
                        if (Double.isFinite(lastDischargeAh[0])) {
                            compared.add(new double[] {compared.size() + 1, tracker.capacityAh(0), lastDischargeAh[0]});
                        }
                    }
                },
                e -> {
                    if (e.type().equals("discharge")) {
                        lastDischargeAh[0] = e.nasaCapacityAh();
                    }
                });
        RelativeErrors errors = RelativeErrors.of(compared, 1, 2);
        double[] last = compared.get(compared.size() - 1);
        System.out.printf(
                "%s: %d capacity windows; estimate against NASA's capacity of the last discharge: RMS %.2f %%, "
                        + "max %.2f %%; first %.3f / %.3f Ah, last %.3f / %.3f Ah%n",
                battery,
                compared.size(),
                100 * errors.rms(),
                100 * errors.max(),
                compared.get(0)[1],
                compared.get(0)[2],
                last[1],
                last[2]);
        for (int i = 0; i < compared.size(); i += 10) {
            System.out.printf(
                    "  window %3.0f: %.3f Ah (NASA %.3f Ah)%n",
                    compared.get(i)[0], compared.get(i)[1], compared.get(i)[2]);
        }
        assertThat(compared.size()).as("capacity windows").isGreaterThan(100);
        assertThat(errors.max())
                .as("largest capacity error against NASA's measured capacity")
                .isLessThanOrEqualTo(0.03);
    }

    /** One sample of a cycle file, in the campaign's time order. */
    private interface SampleSink {
        void sample(Event e, double amps, double[] volts, double[] celsius, double dtSeconds, long epochMillis);
    }

    /**
     * Feeds every sample of every file in time order; the unrecorded rest before a file shows as the
     * time gap before its first, resting sample. {@code afterFile} runs when a file has been fed.
     */
    private static void replay(List<Event> events, SampleSink sink, java.util.function.Consumer<Event> afterFile)
            throws IOException {
        double[] v = new double[1];
        double[] t = new double[1];
        long lastMillis = events.get(0).startMillis();
        for (Event e : events) {
            CellTestLog log = CellLogCsv.read(e.file());
            for (int k = 0; k < log.size(); k++) {
                long millis = e.startMillis() + Math.round(1000 * log.timeS()[k]);
                double dt = Math.max(0, (millis - lastMillis) / 1000.0);
                lastMillis = millis;
                v[0] = log.voltageV()[k];
                t[0] = log.temperatureC()[k];
                sink.sample(e, log.currentA()[k], v, t, dt, millis);
            }
            afterFile.accept(e);
        }
    }

    /**
     * The usable capacity, measured as the cycler measures it (charge from the end of the CC-CV
     * charge to the discharge cutoff, here the cutoff NASA used for each cell), follows the fade that
     * the rest-to-rest total capacity cannot see: every discharge from full is measured and compared
     * with NASA's capacity of that discharge.
     */
    @ParameterizedTest
    @CsvSource({"B0005, 2.7", "B0006, 2.5"})
    void usableCapacityMeterFollowsTheMeasuredCapacityFade(String battery, double cutoffVolts) throws IOException {
        List<Event> events = events(battery);
        long discharges =
                events.stream().filter(e -> e.type().equals("discharge")).count();
        // rated 2.0 Ah, charged at constant voltage to 4.2 V (NASA's README)
        UsableCapacityMeter meter = new UsableCapacityMeter(UsableCapacitySettings.defaults(2.0, 4.2, cutoffVolts));
        long[] revisionSeen = {0};
        List<double[]> compared = new ArrayList<>();
        List<String> voided = new ArrayList<>();
        replay(
                events,
                (e, amps, v, t, dt, millis) -> {
                    meter.update(amps, v, t, dt, millis);
                    if (meter.revision() != revisionSeen[0]) {
                        revisionSeen[0] = meter.revision();
                        if (meter.lastRejection().isEmpty()) {
                            compared.add(new double[] {
                                meter.usableCapacityAh(),
                                e.nasaCapacityAh(),
                                meter.last().meanDischargeC()
                            });
                        } else {
                            voided.add(e.file().getFileName() + ": " + meter.lastRejection());
                        }
                    }
                },
                e -> {});
        RelativeErrors errors = RelativeErrors.of(compared, 0, 1);
        System.out.printf(
                java.util.Locale.ROOT,
                "%s usable capacity: %d of %d discharges measured (%d voided %s); against "
                        + "NASA's capacity RMS %.3f %%, max %.3f %%; first %.4f / %.4f Ah at %.2f C, last %.4f / %.4f Ah%n",
                battery,
                compared.size(),
                discharges,
                voided.size(),
                voided,
                100 * errors.rms(),
                100 * errors.max(),
                compared.get(0)[0],
                compared.get(0)[1],
                compared.get(0)[2],
                compared.get(compared.size() - 1)[0],
                compared.get(compared.size() - 1)[1]);
        assertThat(compared.size()).as("discharges measured").isGreaterThanOrEqualTo((int) discharges - 2);
        assertThat(errors.max())
                .as("largest usable-capacity error against NASA's measured capacity")
                .isLessThanOrEqualTo(0.03);
        // the fade itself is followed, not just the first value
        assertThat(compared.get(compared.size() - 1)[0]).isLessThan(0.75 * compared.get(0)[0]);
    }
}
