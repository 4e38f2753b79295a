package org.qsebms.bms.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.qsebms.bms.control.CurrentLimitOutput;
import org.qsebms.bms.control.Plant;
import org.qsebms.bms.record.PulseOutput;
import org.qsebms.estimators.model.CellGeometry;
import org.qsebms.estimators.model.EcmParameters;
import org.qsebms.estimators.model.QseCellParameters;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * The "true" pack of the simulation: a series string of cells stepped by the cell model, with
 * its own cell-to-cell spread in capacity and resistance (fixed seed), a lumped thermal model per
 * cell, a DC link charged through the precharge resistor, contactors with auxiliary feedback and
 * fault injection. The controller sees it only through {@link SimulatedHardware}'s ports.
 */
public final class SimulatedPack implements Plant, CurrentLimitOutput, PulseOutput {
    private static final double LINK_TAU_PRECHARGE_S = 0.4;
    private static final double MAX_STEP_S = 0.1;
    /**
     * Beyond the ends of the OCV table the cell models hold the end voltage; a real cell collapses
     * below empty and rises above full. This slope (V per unit of SOC beyond the end) is added to
     * the true terminal voltage, so a discharge through empty shows as the under-voltage it is.
     */
    private static final double BEYOND_TABLE_VOLTS_PER_SOC = 20.0;

    private final SimulatedCell[] cells;
    private final double[] extraCellVolts;
    private final double[] softShortOhms;
    /**
     * Truth for the record's tests: the charge each cell truly took in and gave out (Ah), bleed and shorts included.
     */
    private final double[] cellChargedAh;

    private final double[] cellDischargedAh;
    private final boolean[] balancing;
    private double balancingOhms = WiringConfig.DEFAULT_BALANCING_RESISTOR_OHMS;
    private final Map<ContactorId, Boolean> commanded = new EnumMap<>(ContactorId.class);
    private final Map<ContactorId, Boolean> welded = new EnumMap<>(ContactorId.class);
    private final Map<ContactorId, Boolean> failsToClose = new EnumMap<>(ContactorId.class);
    private boolean prechargeOpenCircuit;
    private final boolean[] closedNow = new boolean[ContactorId.values().length];
    private final PackLoad load;
    private double ambientCelsius;
    private double linkVolts;
    private double packAmps;
    private double forcedAmps = Double.NaN;
    private double pulseAmps;
    private double publishedChargeAmps = Double.POSITIVE_INFINITY;
    private double publishedDischargeAmps = Double.POSITIVE_INFINITY;
    private long lastNanos = Long.MIN_VALUE;
    private double seconds;

    /**
     * A pack of equivalent-circuit cells.
     *
     * @param nominal        nominal cell parameters (the estimator's view)
     * @param seriesCells    number of cells
     * @param initialSoc     starting SOC of every cell
     * @param ambientCelsius ambient temperature
     * @param load           charger/load profile
     * @param seed           seed of the cell-to-cell spread (capacity ±3 %, resistance ±10 %, 1 sigma)
     */
    public SimulatedPack(
            EcmParameters nominal,
            int seriesCells,
            double initialSoc,
            double ambientCelsius,
            PackLoad load,
            long seed) {
        this(ecmCells(nominal, seriesCells, initialSoc, ambientCelsius, seed), ambientCelsius, load);
    }

    /**
     * A pack of cells on the full QSE cell model, with a cell-to-cell spread in electrode area
     * (±3 %, 1 sigma, fixed seed: capacity and resistance spread together, as real stacking does).
     */
    public static SimulatedPack ofQseCells(
            QseCellParameters nominal,
            int seriesCells,
            double initialSoc,
            double ambientCelsius,
            PackLoad load,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedCell[] cells = new SimulatedCell[seriesCells];
        for (int i = 0; i < seriesCells; i++) {
            double areaFactor = 1.0 + 0.03 * clamp(random.nextGaussian(), -2.5, 2.5);
            CellGeometry g = nominal.geometry();
            CellGeometry spread = new CellGeometry(
                    g.electrodeAreaCm2() * areaFactor,
                    g.layers(),
                    g.cathodeLoadingMgPerCm2(),
                    g.lithiumFoilUm(),
                    g.electrolyteThicknessUm());
            cells[i] = new QseSimulatedCell(
                    QseCellParameters.of(nominal.laws(), nominal.cathode(), spread, nominal.ocv()),
                    initialSoc,
                    ambientCelsius);
        }
        return new SimulatedPack(cells, ambientCelsius, load);
    }

    private static SimulatedCell[] ecmCells(
            EcmParameters nominal, int seriesCells, double initialSoc, double ambientCelsius, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedCell[] cells = new SimulatedCell[seriesCells];
        for (int i = 0; i < seriesCells; i++) {
            double capFactor = 1.0 + 0.03 * clamp(random.nextGaussian(), -2.5, 2.5);
            double resFactor = 1.0 + 0.10 * clamp(random.nextGaussian(), -2.5, 2.5);
            cells[i] = new EcmSimulatedCell(nominal.scaled(capFactor, resFactor), initialSoc, ambientCelsius);
        }
        return cells;
    }

    private SimulatedPack(SimulatedCell[] cells, double ambientCelsius, PackLoad load) {
        int seriesCells = cells.length;
        this.cells = cells;
        this.extraCellVolts = new double[seriesCells];
        this.softShortOhms = new double[seriesCells];
        this.cellChargedAh = new double[seriesCells];
        this.cellDischargedAh = new double[seriesCells];
        this.balancing = new boolean[seriesCells];
        for (int i = 0; i < seriesCells; i++) {
            softShortOhms[i] = Double.POSITIVE_INFINITY;
        }
        for (ContactorId id : ContactorId.values()) {
            commanded.put(id, false);
            welded.put(id, false);
            failsToClose.put(id, false);
        }
        this.ambientCelsius = ambientCelsius;
        this.load = load;
    }

    @Override
    public void advanceTo(long nowNanos) {
        if (lastNanos == Long.MIN_VALUE) {
            lastNanos = nowNanos;
            refreshTerminal();
            return;
        }
        double dt = (nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        while (dt > 1e-9) {
            double h = Math.min(dt, MAX_STEP_S);
            step(h);
            dt -= h;
        }
    }

    /** Advances the simulation by {@code dtSeconds} (for faster-than-real-time runs). */
    public void step(double dtSeconds) {
        updateContactorState();
        boolean mainNeg = closedNow[ContactorId.MAIN_NEGATIVE.ordinal()];
        boolean mainPos = closedNow[ContactorId.MAIN_POSITIVE.ordinal()];
        boolean pre = closedNow[ContactorId.PRECHARGE.ordinal()];
        double stack = stackVolts();
        if (mainNeg && mainPos) {
            linkVolts = stack;
        } else if (mainNeg && pre && !prechargeOpenCircuit) {
            linkVolts += (stack - linkVolts) * (1 - Math.exp(-dtSeconds / LINK_TAU_PRECHARGE_S));
        } else {
            linkVolts *= Math.exp(-dtSeconds / 5.0);
        }
        boolean connected = mainNeg && mainPos;
        double demand = load.demandAmps(seconds, this, connected);
        if (pulseAmps > 0) {
            demand = -pulseAmps; // a diagnostic's pulse takes over the load
        }
        // a cooperative charger or load follows the limits the BMS publishes; one that ignores them does not
        if (load.obeysLimits()) {
            demand = demand > 0 ? Math.min(demand, publishedChargeAmps) : Math.max(demand, -publishedDischargeAmps);
        }
        if (!Double.isNaN(forcedAmps) && connected) {
            demand = forcedAmps;
        }
        packAmps = connected ? demand : 0.0;
        for (int i = 0; i < cells.length; i++) {
            SimulatedCell c = cells[i];
            double v = c.terminalVolts();
            double leak = 0.0;
            if (balancing[i]) {
                leak += v / balancingOhms;
            }
            if (Double.isFinite(softShortOhms[i])) {
                leak += v / softShortOhms[i];
            }
            double cellAmps = packAmps - leak;
            if (cellAmps > 0) {
                cellChargedAh[i] += cellAmps * dtSeconds / 3600.0;
            } else {
                cellDischargedAh[i] -= cellAmps * dtSeconds / 3600.0;
            }
            c.step(cellAmps, dtSeconds, ambientCelsius);
        }
        seconds += dtSeconds;
    }

    private void refreshTerminal() {
        updateContactorState();
    }

    private static final ContactorId[] CONTACTORS = ContactorId.values();

    private void updateContactorState() {
        for (ContactorId id : CONTACTORS) {
            closedNow[id.ordinal()] = contactsClosed(id);
        }
    }

    /** True terminal voltage of cell {@code i}, including any injected over-voltage drive. */
    public double cellVolts(int i) {
        double soc = cells[i].soc();
        double beyond = soc < 0 ? soc : soc > 1 ? soc - 1 : 0.0;
        return cells[i].terminalVolts() + extraCellVolts[i] + BEYOND_TABLE_VOLTS_PER_SOC * beyond;
    }

    public double stackVolts() {
        double sum = 0;
        for (int i = 0; i < cells.length; i++) {
            sum += cellVolts(i);
        }
        return sum;
    }

    public double maxCellVolts() {
        double m = -Double.MAX_VALUE;
        for (int i = 0; i < cells.length; i++) {
            m = Math.max(m, cellVolts(i));
        }
        return m;
    }

    public double minCellVolts() {
        double m = Double.MAX_VALUE;
        for (int i = 0; i < cells.length; i++) {
            m = Math.min(m, cellVolts(i));
        }
        return m;
    }

    public int cellCount() {
        return cells.length;
    }

    public double cellSoc(int i) {
        return cells[i].soc();
    }

    /** Truth for tests and reports: the cell's capacity (Ah) now. */
    public double cellCapacityAh(int i) {
        return cells[i].capacityAh();
    }

    /** Truth: the charge cell {@code i} has truly taken in since the start (Ah). */
    public double cellChargedAh(int i) {
        return cellChargedAh[i];
    }

    /** Truth: the charge cell {@code i} has truly given out since the start, into the load, bleed and shorts (Ah). */
    public double cellDischargedAh(int i) {
        return cellDischargedAh[i];
    }

    /** Truth: the lithium reserve of cell {@code i} in the cell model (Ah; NaN for a cell model without one). */
    public double cellLithiumReserveAh(int i) {
        return cells[i].lithiumReserveAh();
    }

    public double cellCelsius(int i) {
        return cells[i].celsius();
    }

    public double packAmps() {
        return packAmps;
    }

    public double linkVolts() {
        return linkVolts;
    }

    public double seconds() {
        return seconds;
    }

    public double ambientCelsius() {
        return ambientCelsius;
    }

    // --- contactor and balancing plant side ---

    void command(ContactorId id, boolean closed) {
        commanded.put(id, closed);
        updateContactorState();
    }

    boolean commanded(ContactorId id) {
        return commanded.get(id);
    }

    boolean contactsClosed(ContactorId id) {
        return commanded.get(id) && !failsToClose.get(id) || welded.get(id);
    }

    void setBalancing(int cell, boolean on) {
        balancing[cell] = on;
    }

    /**
     * Sets the bleed resistor of every cell (ohm), as the wiring configuration gives it: a cell whose
     * switch is on discharges through it at its terminal volts over this resistance.
     */
    void setBalancingOhms(double ohms) {
        if (!(ohms > 0) || !Double.isFinite(ohms)) {
            throw new IllegalArgumentException("bleed resistor must be a finite number > 0 ohm, got " + ohms);
        }
        balancingOhms = ohms;
    }

    /** The bleed resistor of every cell (ohm). */
    public double balancingOhms() {
        return balancingOhms;
    }

    boolean balancing(int cell) {
        return balancing[cell];
    }

    /** The charger and load read the BMS's published current limits (as over CAN) and stay within them. */
    @Override
    public void publish(double chargeAmps, double dischargeAmps) {
        publishedChargeAmps = chargeAmps;
        publishedDischargeAmps = dischargeAmps;
    }

    /** The load draws a diagnostic's discharge pulse (still within the published limits); 0 ends it. */
    @Override
    public void requestPulse(double dischargeAmps) {
        pulseAmps = dischargeAmps;
    }

    // --- fault injection and scenario control ---

    /** Adds {@code volts} to the true terminal voltage of one cell, as an over-voltage drive would. */
    public void driveCellVoltage(int cell, double volts) {
        extraCellVolts[cell] = volts;
    }

    /** Connects a resistive soft short across one cell; {@code Double.POSITIVE_INFINITY} removes it. */
    public void setSoftShort(int cell, double ohms) {
        softShortOhms[cell] = ohms;
    }

    /** Welds (or frees) a contactor: its contacts stay closed whatever the coil does. */
    public void setWelded(ContactorId id, boolean isWelded) {
        welded.put(id, isWelded);
        updateContactorState();
    }

    /** A contactor that does not close when commanded (broken coil or contact; its feedback reads open), or heals. */
    public void setFailsToClose(ContactorId id, boolean fails) {
        failsToClose.put(id, fails);
        updateContactorState();
    }

    /** Opens (or restores) the precharge resistor's path: the DC link never charges through it. */
    public void setPrechargeOpenCircuit(boolean open) {
        prechargeOpenCircuit = open;
    }

    /** Truth for tests: whether a contactor's coil is commanded closed now. */
    public boolean commandedClosed(ContactorId id) {
        return commanded.get(id);
    }

    /** Truth for tests: whether a contactor's contacts are closed now. */
    public boolean contactsClosedNow(ContactorId id) {
        return contactsClosed(id);
    }

    /** True while {@code id} is welded: its contacts stay closed whatever its coil does. */
    public boolean weldedNow(ContactorId id) {
        return welded.get(id);
    }

    /** Forces the load current while connected (a runaway charger or a short); NaN returns control to the profile. */
    public void forceAmps(double amps) {
        forcedAmps = amps;
    }

    public void setAmbientCelsius(double celsius) {
        ambientCelsius = celsius;
    }

    public void setCellCelsius(int cell, double celsius) {
        cells[cell].setCelsius(celsius);
    }

    public void setCellSoc(int cell, double soc) {
        cells[cell].setSoc(soc);
    }

    /** Each cell with a restored SOC takes it: the simulated pack continues where the last run left it. */
    @Override
    public void continueFrom(double[] restoredCellSoc) {
        for (int i = 0; i < cells.length && i < restoredCellSoc.length; i++) {
            if (restoredCellSoc[i] >= 0 && restoredCellSoc[i] <= 1) {
                setCellSoc(i, restoredCellSoc[i]);
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
