package org.qsebms.bms.control;

import java.util.function.LongSupplier;
import org.qsebms.bms.measure.CurrentSensorZero;
import org.qsebms.bms.measure.PackMeasurement;
import org.qsebms.bms.snapshot.PackSample;
import org.qsebms.bms.snapshot.SampleRing;
import org.qsebms.bms.supervisor.Supervisor;
import org.qsebms.estimators.health.CellHealthTracker;
import org.qsebms.estimators.health.UsableCapacity;
import org.qsebms.estimators.health.UsableCapacityMeter;
import org.qsebms.estimators.soc.SocEstimator;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.PackHardware;

/**
 * Writes the pack snapshot ({@link PackSample}: measurements, estimates, health, limits,
 * contactors, supervisor state) into one preallocated sample and offers it to the {@link
 * SampleRing} once per sample interval of loop time. The offer returns at once; on overflow the
 * ring drops and counts.
 */
final class SampleWriter {
    private final PackHardware hw;
    private final PackMeasurement m;
    private final CurrentSensorZero currentZero;
    private final SocEstimator soc;
    private final CellHealthTracker health;
    private final UsableCapacityMeter usable;
    private final Supervisor supervisor;
    private final CurrentLimits currentLimits;
    private final PassiveBalancer balancer;
    private final org.qsebms.estimators.softshort.SoftShortDetector softShort;
    private final SampleRing ring;
    private final long everyNanos;
    private final LongSupplier epochMillis;
    private final PackSample sample;
    private long nextNanos = Long.MIN_VALUE;
    private long sequence;

    SampleWriter(ControllerParts parts, PackMeasurement m) {
        this.hw = parts.hw();
        this.m = m;
        this.currentZero = parts.currentZero().learning();
        this.soc = parts.estimators().soc();
        this.health = parts.estimators().health();
        this.usable = parts.estimators().usableCapacity().meter();
        this.supervisor = parts.control().supervisor();
        this.currentLimits = parts.control().currentLimits();
        this.balancer = parts.control().balancer();
        this.softShort = parts.estimators().softShort().detector();
        this.ring = parts.outlets().ring();
        this.everyNanos = parts.outlets().sampleEveryNanos();
        this.epochMillis = parts.epochMillis();
        this.sample = new PackSample(m.cellCount(), hw.temperatures().channelCount());
    }

    /** Offers a sample when the interval since the last one is up. */
    void offerWhenDue(long nowNanos, boolean tripped) {
        if (nextNanos == Long.MIN_VALUE || nowNanos >= nextNanos) {
            nextNanos = (nextNanos == Long.MIN_VALUE ? nowNanos : nextNanos) + everyNanos;
            if (nextNanos <= nowNanos) {
                nextNanos = nowNanos + everyNanos;
            }
            offerNow(nowNanos, tripped);
        }
    }

    /** Offers a sample of this moment, whatever the interval. */
    void offerNow(long nowNanos, boolean tripped) {
        fill(nowNanos, tripped);
        ring.offer(sample);
    }

    private void fill(long nowNanos, boolean tripped) {
        PackSample s = sample;
        s.sequence = ++sequence;
        s.nanos = nowNanos;
        s.epochMillis = epochMillis.getAsLong();
        s.state = supervisor.state();
        s.packVolts = m.packVolts;
        s.packAmps = m.packAmps;
        s.currentZeroAmps = currentZero.zeroAmps();
        s.minCellVolts = m.minCellVolts;
        s.maxCellVolts = m.maxCellVolts;
        s.maxCelsius = m.maxCelsius;
        s.minCelsius = m.minCelsius;
        s.packSoc = soc.packSoc();
        double bound = 0;
        double sigma = Double.NaN;
        int sigmaCell = -1;
        for (int i = 0; i < s.cellSoc.length; i++) {
            s.cellSoc[i] = soc.cellSoc(i);
            s.cellSocExtrapolated[i] = soc.cellSocExtrapolated(i);
            s.cellSocMismatched[i] = soc.cellSocMismatched(i);
            s.cellSoftShortLeakAmps[i] = softShort.isFlagged(i) ? softShort.leakAmps(i) : Double.NaN;
            bound = Math.max(bound, soc.cellSocBound3Sigma(i));
            double cellSigma = soc.cellVoltageSigmaVolts(i);
            if (!Double.isNaN(cellSigma) && !(cellSigma <= sigma)) { // NaN: the estimator does not judge it
                sigma = cellSigma;
                sigmaCell = i;
            }
        }
        s.socBound3Sigma = bound;
        s.modelVoltageSigma = sigma;
        s.modelVoltageSigmaCell = sigmaCell;
        s.chargeLimitAmps = currentLimits.chargeAmps();
        s.dischargeLimitAmps = currentLimits.dischargeAmps();
        s.mainPositiveClosed = hw.contactor(ContactorId.MAIN_POSITIVE).feedbackClosed();
        s.mainNegativeClosed = hw.contactor(ContactorId.MAIN_NEGATIVE).feedbackClosed();
        s.prechargeClosed = hw.contactor(ContactorId.PRECHARGE).feedbackClosed();
        s.tripped = tripped;
        System.arraycopy(m.cellVolts, 0, s.cellVolts, 0, s.cellVolts.length);
        System.arraycopy(m.cellCelsius, 0, s.cellCelsius, 0, s.cellCelsius.length);
        for (int i = 0; i < s.balancing.length; i++) {
            s.balancing[i] = hw.balancing().isOn(i);
        }
        s.balancingEnabled = balancer.enabled();
        fillUsableCapacity(s);
        fillHealth(s);
    }

    private void fillUsableCapacity(PackSample s) {
        UsableCapacity last = usable.last();
        s.usableCapacityAh = last == null ? Double.NaN : last.ampHours();
        s.usableSoh = usable.stateOfHealth();
        s.usableCapacityC = last == null ? Double.NaN : last.meanDischargeC();
        s.usableCapacityCelsius = last == null ? Double.NaN : last.meanCelsius();
        s.usableCapacityMeasurements = usable.measurements();
        s.usableCapacityNote = usable.lastRejection();
    }

    private void fillHealth(PackSample s) {
        CellHealthTracker h = health;
        s.healthKnown = true;
        int weakest = h.weakestCell();
        s.capacityAh = h.capacityAh(weakest);
        s.soh = s.capacityAh / h.nominalCapacityAh();
        s.capacitySigmaAh = h.capacitySigmaAh(weakest);
        s.capacityWindows = h.capacityWindows(weakest);
        s.seiOhm = h.worstSeiOhms();
        s.seiTrendOhmPerDay = h.seiTrendOhmPerDay();
        s.seiState = h.seiState();
        s.lithiumInventoryFraction = h.lithiumInventoryFraction();
        s.coulombicEfficiency = h.worstCoulombicEfficiency();
        s.cyclesToLithiumDepletion = h.cyclesToLithiumDepletion();
        s.equivalentFullCycles = h.equivalentFullCycles();
        s.rulCycles = h.remainingUsefulLifeCycles(0);
        s.rulEarlyCycles = h.remainingUsefulLifeCycles(1);
        s.rulLateCycles = h.remainingUsefulLifeCycles(-1);
        for (int i = 0; i < s.cellR0Ohm.length; i++) {
            s.cellR0Ohm[i] = h.r0At25Ohms(i);
        }
    }
}
