package org.qsebms.bms.offline.scenario;

import org.qsebms.bms.sim.SimulatedPack;

/**
 * The simulated truth over each recorded cycle: the simulated cells' own charge counters, taken at
 * the tick the record's candidate cycle end last moved, differenced between consecutive cycle ends.
 */
final class CycleTruth {
    private final SimulatedPack pack;
    private final double[] chargedAtEnd;
    private final double[] dischargedAtEnd;
    private final double[] chargedAtCandidate;
    private final double[] dischargedAtCandidate;
    private final double[] capacityAtCandidate;
    private final double[] lithiumAtCandidate;
    private long revisionSeen = Long.MIN_VALUE;

    CycleTruth(SimulatedPack pack) {
        this.pack = pack;
        int n = pack.cellCount();
        chargedAtEnd = new double[n];
        dischargedAtEnd = new double[n];
        chargedAtCandidate = new double[n];
        dischargedAtCandidate = new double[n];
        capacityAtCandidate = new double[n];
        lithiumAtCandidate = new double[n];
    }

    /** After every tick: when the candidate end moved, the truth at this tick is the new candidate. */
    void afterTick(long troughRevision) {
        if (troughRevision == revisionSeen) {
            return;
        }
        revisionSeen = troughRevision;
        for (int i = 0; i < chargedAtEnd.length; i++) {
            chargedAtCandidate[i] = pack.cellChargedAh(i);
            dischargedAtCandidate[i] = pack.cellDischargedAh(i);
            capacityAtCandidate[i] = pack.cellCapacityAh(i);
            lithiumAtCandidate[i] = pack.cellLithiumReserveAh(i);
        }
    }

    double chargedAh(int i) {
        return chargedAtCandidate[i] - chargedAtEnd[i];
    }

    double dischargedAh(int i) {
        return dischargedAtCandidate[i] - dischargedAtEnd[i];
    }

    double capacityAh(int i) {
        return capacityAtCandidate[i];
    }

    double lithiumReserveAh(int i) {
        return lithiumAtCandidate[i];
    }

    /** The cycle whose figures were just read closed: its end is where the next one starts. */
    void closed() {
        System.arraycopy(chargedAtCandidate, 0, chargedAtEnd, 0, chargedAtEnd.length);
        System.arraycopy(dischargedAtCandidate, 0, dischargedAtEnd, 0, dischargedAtEnd.length);
    }
}
