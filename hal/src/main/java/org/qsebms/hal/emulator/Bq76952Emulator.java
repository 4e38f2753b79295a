package org.qsebms.hal.emulator;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.I2cCrc8;

/**
 * A register-level TI BQ76952 on an {@link EmulatedI2cBus}, written from the Technical
 * Reference Manual (SLUUBY2) independently of the driver's constants. It answers byte for byte:
 * <ul>
 *   <li>the 7-bit direct-command space with auto-increment (little-endian values): Safety
 *       Alert/Status A-C, Battery Status, 16 cell voltages (mV), stack/PACK/LD (user volts),
 *       CC2 current (user amps), Alarm Status/Enable, internal and TS1..TS3 temperatures
 *       (0.1 K) and FET Status;</li>
 *   <li>subcommands written to 0x3E/0x3F, reading back 0xFF 0xFF for {@link #BUSY_NANOS} and
 *       then the code; answers in the 32-byte buffer at 0x40 with checksum (0x60) and length
 *       (0x61); transfers with data (data-memory writes, CB_ACTIVE_CELLS) commit when checksum and
 *       length are written and match, and data memory only in CONFIG_UPDATE mode;</li>
 *   <li>optional I2C CRC-8 mode (set at construction, as the chip's OTP would): written bytes
 *       with a wrong CRC are dropped and counted, read bytes carry their CRC;</li>
 *   <li>its own protections: from the simulated cell volts, pack amps (through the board's shunt)
 *       and thermistor temperatures it raises Safety Alert bits, and after each protection's
 *       configured delay Safety Status bits, and opens its CHG and/or DSG FET by itself
 *       (COV, OCC, OTC, UTC open CHG; CUV, OCD1, OCD2, OTD, UTD open DSG; SCD opens both). Time is
 *       the injected clock: every bus transaction and every {@link #advance()} evaluates the
 *       protections, and a trip takes effect at the first evaluation at or after onset + delay.
 *       Onset is the first evaluation that sees the condition, so the caller's step is the
 *       resolution (a 1 us step resolves SCD's 15 us delay units).</li>
 * </ul>
 * Simplifications (documented in docs/wiring.md): measurements are the true inputs at read time
 * (no ADC scan period, noise or gain error); OTC/UTC and OTD/UTD ignore the current direction;
 * current trips recover after the recovery time once the condition has gone, voltage and
 * temperature trips at their hysteresis; Alarm Status SSA/SSBC follow Safety Status without a
 * separate latch; PF, OCD3, COVL/OCDL/SCDL and precharge FETs are not modelled. SLEEP is modelled
 * as far as it reaches the FETs: on the data-memory defaults (Power Config SLEEP set, FET Options
 * SLEEPCHG clear) the chip enters SLEEP once the current has stayed under Sleep Current (20 mA)
 * for {@link #RELAX_NANOS}, not within Sleep Hysteresis Time (10 s) of its last wake, and turns
 * its CHG FET off there; a current at or above 20 mA wakes it. SLEEP_DISABLE (0x009A) and
 * SLEEP_ENABLE (0x0099) set Battery Status SLEEP_EN (bit 2); SLEEP shows in bit 15. The slower
 * measurements in SLEEP are not modelled.
 */
public final class Bq76952Emulator implements I2cTarget {
    /** How long a subcommand keeps 0x3E/0x3F at 0xFF. */
    static final long BUSY_NANOS = 150_000;
    /** How long the current must stay under Sleep Current before the chip enters SLEEP (the emulator's choice). */
    static final long RELAX_NANOS = 1_000_000_000L;
    /** Power:Sleep:Sleep Current default. */
    private static final double SLEEP_AMPS = 0.020;
    /** Power:Sleep:Sleep Hysteresis Time default. */
    private static final long SLEEP_HYSTERESIS_NANOS = 10_000_000_000L;

    private static final int DM_BASE = 0x9180;
    private static final int DM_SIZE = 0x200;
    private static final int[] SCD_MILLIVOLTS = {
        10, 20, 40, 60, 80, 100, 125, 150, 175, 200, 250, 300, 350, 400, 450, 500
    };

    /** One hardware protection: where its bits live and which FET it opens. */
    public enum Check {
        CUV(0, 2, false, true),
        COV(0, 3, true, false),
        OCC(0, 4, true, false),
        OCD1(0, 5, false, true),
        OCD2(0, 6, false, true),
        SCD(0, 7, true, true),
        UTC(1, 0, true, false),
        UTD(1, 1, false, true),
        OTC(1, 4, true, false),
        OTD(1, 5, false, true),
        /** Host watchdog: no transaction from the host for the HWD delay. */
        HWDF(2, 1, true, true);

        final int register;
        final int bit;
        final boolean opensCharge;
        final boolean opensDischarge;

        Check(int register, int bit, boolean opensCharge, boolean opensDischarge) {
            this.register = register;
            this.bit = bit;
            this.opensCharge = opensCharge;
            this.opensDischarge = opensDischarge;
        }
    }

    private static final Check[] CHECKS = Check.values();

    private final int address;
    private final LongSupplier nanoClock;
    private final boolean crcMode;
    private final double shuntOhms;
    private final byte[] regs = new byte[0x80];
    private final byte[] dm = new byte[DM_SIZE];
    private final long[] pendingSince = new long[CHECKS.length];
    private final long[] trippedAt = new long[CHECKS.length];
    private final long[] clearSince = new long[CHECKS.length];
    private final long[] trips = new long[CHECKS.length];
    private final long[] lastTrip = new long[CHECKS.length];
    private double[] cellVolts = new double[0];
    private final int[] cellOfInput = new int[16];
    private DoubleSupplier packAmps = () -> 0.0;
    private double[] tsCelsius = {25, 25, 25};
    private double dieCelsius = 25;
    private int pointer;
    private int code;
    private long busyUntil;
    private boolean configUpdate;
    private boolean fetEnabled;
    /** Battery Status POR (bit 3): set by a full reset, cleared only by EXIT_CFGUPDATE. */
    private boolean powerOnReset;
    /** Battery Status SLEEP_EN (bit 2): from Power Config[SLEEP] at reset, then SLEEP_ENABLE / SLEEP_DISABLE. */
    private boolean sleepAllowed;

    private boolean sleeping;
    private long relaxSince = -1;
    private long wokeAt = Long.MIN_VALUE / 2;

    private boolean hostAllowsFets = true;
    private int balancingMask;
    private int alarmEnable;
    private int corruptAddress = -1;
    private int corruptXor;
    private long crcErrors;
    private long rejectedTransfers;
    private long lastHostNanos;
    private java.util.SplittableRandom noise = new java.util.SplittableRandom(1);
    private double cellNoiseMillivolts;
    /** Per cell input: its voltage register is frozen (a stuck cell ADC channel), and the code it holds. */
    private final boolean[] cellRegisterFrozen = new boolean[16];

    private final int[] frozenCellCode = new int[16];
    private double currentNoiseAmps;
    private double temperatureNoiseKelvin;

    /**
     * @param shuntOhms the board's sense resistor between SRP and SRN (sets what current is how many mV)
     */
    public Bq76952Emulator(int address, LongSupplier nanoClock, boolean crcMode, double shuntOhms) {
        this.address = address;
        this.nanoClock = nanoClock;
        this.crcMode = crcMode;
        this.shuntOhms = shuntOhms;
        reset();
    }

    @Override
    public int address() {
        return address;
    }

    /** Feeds the chip: {@code cellVolts[i]} on cell input i+1, charge-positive amps through the shunt, TS1..TS3. */
    public void connect(double[] cellVolts, DoubleSupplier packAmps, double[] tsCelsius) {
        int[] inputs = new int[cellVolts.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = i + 1;
        }
        connect(cellVolts, inputs, packAmps, tsCelsius);
    }

    /** Feeds the chip: {@code cellVolts[i]} on cell input {@code cellInputs[i]} (1..16); unused inputs read 0 V. */
    public void connect(double[] cellVolts, int[] cellInputs, DoubleSupplier packAmps, double[] tsCelsius) {
        java.util.Arrays.fill(cellOfInput, -1);
        for (int i = 0; i < cellInputs.length; i++) {
            cellOfInput[cellInputs[i] - 1] = i;
        }
        this.cellVolts = cellVolts;
        this.packAmps = packAmps;
        this.tsCelsius = tsCelsius;
    }

    /**
     * Gaussian noise on the reported measurements (not on what the protections compare, which see
     * the true inputs), from a generator seeded with {@code seed}: a real chip's readings are never
     * identical tick after tick, which the controller's stuck-sensor checks rely on.
     */
    public void noise(double cellMillivolts, double amps, double kelvin, long seed) {
        this.cellNoiseMillivolts = cellMillivolts;
        this.currentNoiseAmps = amps;
        this.temperatureNoiseKelvin = kelvin;
        this.noise = new java.util.SplittableRandom(seed);
    }

    /**
     * Cell input {@code input} (1..16)'s voltage register keeps the code it reports now, like a stuck ADC channel: the
     * host reads that code for ever, while the chip's own protections and the stack voltage still see the input.
     */
    public void freezeCellRegister(int input) {
        if (input < 1 || input > 16) {
            throw new IllegalArgumentException("cell input must be 1..16, got " + input);
        }
        int reg = 0x14 + 2 * (input - 1);
        frozenCellCode[input - 1] = (regs[reg] & 0xFF) | (regs[reg + 1] & 0xFF) << 8;
        cellRegisterFrozen[input - 1] = true;
    }

    private double gauss(double sigma) {
        if (sigma == 0) {
            return 0;
        }
        double u = noise.nextDouble(1e-12, 1.0);
        return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * noise.nextDouble());
    }

    void setDieCelsius(double celsius) {
        this.dieCelsius = celsius;
    }

    /** Power-on defaults (the TRM's data-memory defaults for the settings modelled here). */
    public void reset() {
        java.util.Arrays.fill(dm, (byte) 0);
        setDm(0x9261, 0x88, 1); // Enabled Protections A: SCD, COV
        setDm(0x9262, 0x00, 1); // Enabled Protections B
        setDm(0x9275, 50, 1); // CUV threshold (50.6 mV units)
        setDm(0x9276, 74, 2); // CUV delay (3.3 ms units)
        setDm(0x9278, 86, 1); // COV threshold
        setDm(0x9279, 74, 2); // COV delay
        setDm(0x927B, 2, 1); // CUV recovery hysteresis
        setDm(0x927C, 2, 1); // COV recovery hysteresis
        setDm(0x9280, 2, 1); // OCC threshold (2 mV units)
        setDm(0x9281, 4, 1); // OCC delay
        setDm(0x9282, 4, 1); // OCD1 threshold
        setDm(0x9283, 1, 1); // OCD1 delay
        setDm(0x9284, 3, 1); // OCD2 threshold
        setDm(0x9285, 7, 1); // OCD2 delay
        setDm(0x9286, 0, 1); // SCD threshold (table index)
        setDm(0x9287, 2, 1); // SCD delay (15 us units, 1 = fastest)
        setDm(0x9294, 5, 1); // SCD recovery time (s)
        setDm(0x929A, 55, 1); // OTC threshold degC
        setDm(0x929B, 2, 1);
        setDm(0x929C, 50, 1);
        setDm(0x929D, 60, 1); // OTD
        setDm(0x929E, 2, 1);
        setDm(0x929F, 55, 1);
        setDm(0x92A6, 0, 1); // UTC
        setDm(0x92A7, 2, 1);
        setDm(0x92A8, 5, 1);
        setDm(0x92A9, 0, 1); // UTD
        setDm(0x92AA, 2, 1);
        setDm(0x92AB, 5, 1);
        setDm(0x92AF, 3, 1); // Protections recovery time (s)
        setDm(0x9303, 0x05, 1); // DA Configuration: user amps 1 mA, user volts 10 mV
        setDm(0x9304, 0x0000, 2); // Vcell Mode: 0 = all 16 cells
        setDm(0x91A8, Float.floatToRawIntBits(7.4768f), 4); // CC Gain for 1 mOhm
        configUpdate = false;
        powerOnReset = true;
        sleepAllowed = true;
        sleeping = false;
        relaxSince = -1;
        fetEnabled = false;
        hostAllowsFets = true;
        balancingMask = 0;
        alarmEnable = 0xF800;
        code = 0;
        busyUntil = 0;
        java.util.Arrays.fill(pendingSince, -1);
        java.util.Arrays.fill(trippedAt, -1);
        java.util.Arrays.fill(clearSince, -1);
        java.util.Arrays.fill(lastTrip, -1);
    }

    /**
     * A reset while running (a brown-out on the stack, ESD, the chip's own watchdog): the RAM
     * settings go back to {@link #reset() their defaults} and Battery Status shows POR. A board
     * whose OTP sets FET_EN comes back in autonomous FET mode with its FETs on
     * ({@code fetsEnabledAtPowerOn}); one on the data-memory default comes back in FET test mode,
     * its FETs off.
     */
    public void brownOut(boolean fetsEnabledAtPowerOn) {
        advance();
        reset();
        fetEnabled = fetsEnabledAtPowerOn;
    }

    // ---- what the board and tests see ----------------------------------------------------------

    public boolean chargeFetOn() {
        advance();
        return fetsAllowed() && !blocked(true) && !sleeping;
    }

    public boolean dischargeFetOn() {
        advance();
        return fetsAllowed() && !blocked(false);
    }

    public boolean tripped(Check check) {
        return trippedAt[check.ordinal()] >= 0;
    }

    /** Clock time of the check's last trip, or -1 while it has never tripped. */
    long lastTripNanos(Check check) {
        return trippedAt[check.ordinal()] >= 0 ? trippedAt[check.ordinal()] : lastTrip[check.ordinal()];
    }

    /** Trips of {@code check} since reset. */
    public long trips(Check check) {
        return trips[check.ordinal()];
    }

    public int balancingMask() {
        return balancingMask;
    }

    public boolean inConfigUpdate() {
        return configUpdate;
    }

    public long crcErrors() {
        return crcErrors;
    }

    /** Transfers dropped for a wrong checksum or length, or a data-memory write outside CONFIG_UPDATE. */
    public long rejectedTransfers() {
        return rejectedTransfers;
    }

    /** The little-endian value of {@code n} bytes of data memory at {@code dmAddress}. */
    public long dataMemory(int dmAddress, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | dm[dmAddress - DM_BASE + i] & 0xFF;
        }
        return v;
    }

    /** Fault injection: the next committed write to {@code dmAddress} stores its first byte XOR {@code xor}. */
    public void corruptNextWrite(int dmAddress, int xor) {
        corruptAddress = dmAddress;
        corruptXor = xor;
    }

    /** The ALERT pin (open drain, active low with the board's pull-up) as a GPIO input on BCM {@code pin}. */
    public GpioInput alertPin(int pin) {
        return EmulatedGpio.input(pin, () -> (alarmStatus() & alarmEnable) == 0);
    }

    // ---- protections ---------------------------------------------------------------------------

    /** Evaluates the protections at the clock's time with the current inputs. */
    public void advance() {
        long now = nanoClock.getAsLong();
        if (configUpdate) {
            return; // protections do not run in CONFIG_UPDATE mode
        }
        sleepStep(now);
        int enabledA = dmU(0x9261, 1);
        int enabledB = dmU(0x9262, 1);
        int enabledC = dmU(0x9263, 1);
        double maxMv = -1e9;
        double minMv = 1e9;
        int vcellMode = dmU(0x9304, 2);
        for (int i = 0; i < 16; i++) {
            if (vcellMode == 0 || (vcellMode & 1 << i) != 0) {
                double mv = cellMillivolts(i);
                maxMv = Math.max(maxMv, mv);
                minMv = Math.min(minMv, mv);
            }
        }
        double shuntMv = packAmps.getAsDouble() * shuntOhms * 1000.0; // charge positive
        double maxTs = -1e9;
        double minTs = 1e9;
        for (double c : tsCelsius) {
            maxTs = Math.max(maxTs, c);
            minTs = Math.min(minTs, c);
        }
        for (Check c : CHECKS) {
            int enabled = c.register == 0 ? enabledA : c.register == 1 ? enabledB : enabledC;
            if ((enabled & 1 << c.bit) == 0) {
                pendingSince[c.ordinal()] = -1;
                continue;
            }
            evaluate(
                    c,
                    now,
                    condition(c, maxMv, minMv, shuntMv, maxTs, minTs),
                    recovered(c, maxMv, minMv, shuntMv, maxTs, minTs));
        }
    }

    private void evaluate(Check c, long now, boolean condition, boolean recovered) {
        int i = c.ordinal();
        if (trippedAt[i] >= 0) {
            if (!recovered) {
                clearSince[i] = -1;
                return;
            }
            if (clearSince[i] < 0) {
                clearSince[i] = now;
            }
            if (now - clearSince[i] >= recoveryNanos(c)) {
                lastTrip[i] = trippedAt[i];
                trippedAt[i] = -1;
                clearSince[i] = -1;
            }
            return;
        }
        if (!condition) {
            pendingSince[i] = -1;
            return;
        }
        if (pendingSince[i] < 0) {
            pendingSince[i] = now;
        }
        long since = c == Check.HWDF ? lastHostNanos : pendingSince[i];
        long delay = c == Check.HWDF ? dmU(0x92B2, 2) * 1_000_000_000L : delayNanos(c);
        if (c == Check.HWDF && now - since < delay) {
            pendingSince[i] = -1; // no alert bit for the host watchdog
            return;
        }
        if (now - since >= delay) {
            trippedAt[i] = now;
            trips[i]++;
            pendingSince[i] = -1;
        }
    }

    private boolean condition(Check c, double maxMv, double minMv, double shuntMv, double maxTs, double minTs) {
        return switch (c) {
            case COV -> maxMv >= dmU(0x9278, 1) * 50.6;
            case CUV -> minMv <= dmU(0x9275, 1) * 50.6;
            case OCC -> shuntMv >= dmI(0x9280) * 2.0;
            case OCD1 -> -shuntMv >= dmI(0x9282) * 2.0;
            case OCD2 -> -shuntMv >= dmI(0x9284) * 2.0;
            case SCD -> -shuntMv >= SCD_MILLIVOLTS[Math.min(15, dmU(0x9286, 1))];
            case OTC -> maxTs >= dmI(0x929A);
            case OTD -> maxTs >= dmI(0x929D);
            case UTC -> minTs <= dmI(0x92A6);
            case UTD -> minTs <= dmI(0x92A9);
            case HWDF -> dmU(0x92B2, 2) > 0;
        };
    }

    private boolean recovered(Check c, double maxMv, double minMv, double shuntMv, double maxTs, double minTs) {
        return switch (c) {
            case COV -> maxMv < (dmU(0x9278, 1) - dmU(0x927C, 1)) * 50.6;
            case CUV -> minMv > (dmU(0x9275, 1) + dmU(0x927B, 1)) * 50.6;
            case OTC -> maxTs <= dmI(0x929C);
            case OTD -> maxTs <= dmI(0x929F);
            case UTC -> minTs >= dmI(0x92A8);
            case UTD -> minTs >= dmI(0x92AB);
            case HWDF -> nanoClock.getAsLong() - lastHostNanos < dmU(0x92B2, 2) * 1_000_000_000L;
            default -> !condition(c, maxMv, minMv, shuntMv, maxTs, minTs);
        };
    }

    /** SLEEP: entered after the current stayed under Sleep Current for RELAX_NANOS, left when it rises. */
    private void sleepStep(long now) {
        boolean relaxed = Math.abs(packAmps.getAsDouble()) < SLEEP_AMPS;
        if (!relaxed) {
            if (sleeping) {
                wokeAt = now;
            }
            sleeping = false;
            relaxSince = -1;
            return;
        }
        if (relaxSince < 0) {
            relaxSince = now;
        }
        if (sleepAllowed && !sleeping && now - relaxSince >= RELAX_NANOS && now - wokeAt >= SLEEP_HYSTERESIS_NANOS) {
            sleeping = true;
        }
    }

    /** True while the chip is in SLEEP mode (Battery Status bit 15). */
    public boolean sleeping() {
        advance();
        return sleeping;
    }

    /** The configured delay, in the units of the TRM. */
    long delayNanos(Check c) {
        return switch (c) {
            case COV -> Math.max(1, dmU(0x9279, 2)) * 3_300_000L;
            case CUV -> Math.max(1, dmU(0x9276, 2)) * 3_300_000L;
            case OCC -> (dmU(0x9281, 1) + 2) * 3_300_000L;
            case OCD1 -> (dmU(0x9283, 1) + 2) * 3_300_000L;
            case OCD2 -> (dmU(0x9285, 1) + 2) * 3_300_000L;
            case SCD -> Math.max(0, dmU(0x9287, 1) - 1) * 15_000L;
            case OTC -> dmU(0x929B, 1) * 1_000_000_000L;
            case OTD -> dmU(0x929E, 1) * 1_000_000_000L;
            case UTC -> dmU(0x92A7, 1) * 1_000_000_000L;
            case UTD -> dmU(0x92AA, 1) * 1_000_000_000L;
            case HWDF -> 0;
        };
    }

    private long recoveryNanos(Check c) {
        return switch (c) {
            case SCD -> dmU(0x9294, 1) * 1_000_000_000L;
            case OCC, OCD1, OCD2, HWDF -> dmU(0x92AF, 1) * 1_000_000_000L;
            default -> 0;
        };
    }

    private boolean blocked(boolean charge) {
        for (Check c : CHECKS) {
            if (trippedAt[c.ordinal()] >= 0 && (charge ? c.opensCharge : c.opensDischarge)) {
                return true;
            }
        }
        return false;
    }

    private boolean fetsAllowed() {
        return fetEnabled && hostAllowsFets && !configUpdate;
    }

    private int statusByte(int register, boolean status) {
        int b = 0;
        for (Check c : CHECKS) {
            boolean set = status ? trippedAt[c.ordinal()] >= 0 : pendingSince[c.ordinal()] >= 0;
            if (c.register == register && set) {
                b |= 1 << c.bit;
            }
        }
        return b;
    }

    private int alarmStatus() {
        advance();
        int a = statusByte(0, true) != 0 ? 1 << 14 : 0;
        return a | (statusByte(1, true) != 0 || statusByte(2, true) != 0 ? 1 << 15 : 0);
    }

    // ---- bus ----------------------------------------------------------------------------------

    @Override
    public void onWrite(byte[] data, int n) {
        lastHostNanos = nanoClock.getAsLong();
        advance();
        if (n < 1) {
            return;
        }
        pointer = data[0] & 0x7F;
        int count = crcMode ? (n - 1) / 2 : n - 1;
        if (crcMode) {
            int crc = I2cCrc8.update(I2cCrc8.update(0, address << 1), data[0] & 0xFF);
            for (int i = 0; i < count; i++) {
                int b = data[1 + 2 * i] & 0xFF;
                int expected = I2cCrc8.update(i == 0 ? crc : 0, b);
                if ((data[2 + 2 * i] & 0xFF) != expected) {
                    crcErrors++;
                    return;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            int reg = (pointer + i) & 0x7F;
            regs[reg] = crcMode ? data[1 + 2 * i] : data[1 + i];
            afterByteWritten(reg);
        }
    }

    private void afterByteWritten(int reg) {
        if (reg == 0x3F) {
            startTransfer((regs[0x3E] & 0xFF) | (regs[0x3F] & 0xFF) << 8);
        } else if (reg == 0x61) {
            commitTransfer();
        } else if (reg == 0x67) {
            alarmEnable = (regs[0x66] & 0xFF) | (regs[0x67] & 0xFF) << 8;
        }
    }

    @Override
    public void onRead(byte[] data, int n) {
        lastHostNanos = nanoClock.getAsLong();
        advance();
        refreshDirectCommands();
        int count = crcMode ? n / 2 : n;
        int crc = I2cCrc8.update(I2cCrc8.update(I2cCrc8.update(0, address << 1), pointer), address << 1 | 1);
        for (int i = 0; i < count; i++) {
            int b = regs[(pointer + i) & 0x7F] & 0xFF;
            if (crcMode) {
                data[2 * i] = (byte) b;
                data[2 * i + 1] = (byte) I2cCrc8.update(i == 0 ? crc : 0, b);
            } else {
                data[i] = (byte) b;
            }
        }
    }

    private void refreshDirectCommands() {
        put1(0x02, statusByte(0, false));
        put1(0x03, statusByte(0, true));
        put1(0x04, statusByte(1, false));
        put1(0x05, statusByte(1, true));
        put1(0x06, statusByte(2, false));
        put1(0x07, statusByte(2, true));
        int anyStatus = statusByte(0, true) | statusByte(1, true) | statusByte(2, true);
        put2(
                0x12,
                (configUpdate ? 1 : 0)
                        | (sleepAllowed ? 1 << 2 : 0)
                        | (powerOnReset ? 1 << 3 : 0)
                        | (anyStatus != 0 ? 1 << 11 : 0)
                        | (sleeping ? 1 << 15 : 0));
        double stackMv = 0;
        for (int i = 0; i < 16; i++) {
            double mv = cellMillivolts(i);
            stackMv += mv;
            int cellCode = (int) Math.round(clamp16(mv + gauss(cellNoiseMillivolts)));
            put2(0x14 + 2 * i, cellRegisterFrozen[i] ? frozenCellCode[i] : cellCode);
        }
        boolean chg = fetsAllowed() && !blocked(true) && !sleeping;
        boolean dsg = fetsAllowed() && !blocked(false);
        double userMv = (dmU(0x9303, 1) & 0b100) != 0 ? 10.0 : 1.0;
        put2(0x34, (int) Math.round(clamp16(stackMv / userMv)));
        double packMv = chg && dsg ? stackMv : 0.0;
        put2(0x36, (int) Math.round(clamp16(packMv / userMv)));
        put2(0x38, (int) Math.round(clamp16(packMv / userMv)));
        double shuntMv = (packAmps.getAsDouble() + gauss(currentNoiseAmps)) * shuntOhms * 1000.0;
        double gain = Float.intBitsToFloat((int) dataMemory(0x91A8, 4));
        double milliamps = shuntMv * gain / 7.4768 * 1000.0;
        double userMa = switch (dmU(0x9303, 1) & 0b11) {
            case 0 -> 0.1;
            case 1 -> 1.0;
            case 2 -> 10.0;
            default -> 100.0;
        };
        put2(0x3A, (int) Math.round(clamp16(milliamps / userMa)));
        int alarm = alarmStatus();
        put2(0x62, alarm);
        put2(0x64, alarm);
        put2(0x66, alarmEnable);
        put2(0x68, decikelvin(dieCelsius));
        for (int t = 0; t < 3; t++) {
            put2(0x70 + 2 * t, decikelvin((t < tsCelsius.length ? tsCelsius[t] : 25) + gauss(temperatureNoiseKelvin)));
        }
        boolean alertLow = (alarm & alarmEnable) != 0;
        put1(0x7F, (chg ? 1 : 0) | (dsg ? 1 << 2 : 0) | (alertLow ? 1 << 6 : 0));
        if (nanoClock.getAsLong() < busyUntil) {
            put1(0x3E, 0xFF);
            put1(0x3F, 0xFF);
        } else {
            put2(0x3E, code);
        }
    }

    private void startTransfer(int newCode) {
        code = newCode;
        busyUntil = nanoClock.getAsLong() + BUSY_NANOS;
        java.util.Arrays.fill(regs, 0x40, 0x60, (byte) 0);
        int length = 0;
        if (newCode >= 0x9000) {
            for (int i = 0; i < 32; i++) {
                int a = newCode - DM_BASE + i;
                regs[0x40 + i] = a >= 0 && a < DM_SIZE ? dm[a] : 0;
            }
            length = 32;
        } else {
            switch (newCode) {
                case 0x0001 -> length = answer(0x7695, 2);
                case 0x0002 -> length = answer(0x0100, 2);
                case 0x0057 -> length = answer(fetEnabled ? 1 << 4 : 0, 2);
                case 0x0083 -> length = answer(balancingMask, 2);
                case 0x0012 -> reset();
                case 0x0022 -> fetEnabled = !fetEnabled;
                case 0x0090 -> configUpdate = true;
                case 0x0092 -> {
                    configUpdate = false;
                    powerOnReset = false;
                }
                case 0x0099 -> sleepAllowed = true;
                case 0x009A -> {
                    sleepAllowed = false;
                    sleeping = false;
                }
                case 0x0095 -> hostAllowsFets = false;
                case 0x0096 -> hostAllowsFets = true;
                default -> {} // unknown subcommands do nothing, as on the chip
            }
        }
        int sum = (newCode & 0xFF) + (newCode >> 8 & 0xFF);
        for (int i = 0; i < length; i++) {
            sum += regs[0x40 + i] & 0xFF;
        }
        regs[0x60] = (byte) ~sum;
        regs[0x61] = (byte) (length + 4);
    }

    private int answer(int value, int n) {
        for (int i = 0; i < n; i++) {
            regs[0x40 + i] = (byte) (value >> 8 * i);
        }
        return n;
    }

    private void commitTransfer() {
        int length = (regs[0x61] & 0xFF) - 4;
        if (length < 1 || length > 32) {
            rejectedTransfers++;
            return;
        }
        int sum = (code & 0xFF) + (code >> 8 & 0xFF);
        for (int i = 0; i < length; i++) {
            sum += regs[0x40 + i] & 0xFF;
        }
        if ((~sum & 0xFF) != (regs[0x60] & 0xFF)) {
            rejectedTransfers++;
            return;
        }
        if (code == 0x0083) {
            balancingMask = (regs[0x40] & 0xFF) | (regs[0x41] & 0xFF) << 8;
            return;
        }
        if (code < DM_BASE || code + length > DM_BASE + DM_SIZE || !configUpdate) {
            rejectedTransfers++;
            return;
        }
        for (int i = 0; i < length; i++) {
            dm[code - DM_BASE + i] = regs[0x40 + i];
        }
        if (code == corruptAddress) {
            dm[code - DM_BASE] ^= (byte) corruptXor;
            corruptAddress = -1;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private double cellMillivolts(int input) {
        int cell = cellOfInput[input];
        return cell >= 0 && cell < cellVolts.length ? cellVolts[cell] * 1000.0 : 0.0;
    }

    private void setDm(int a, long value, int n) {
        for (int i = 0; i < n; i++) {
            dm[a - DM_BASE + i] = (byte) (value >> 8 * i);
        }
    }

    private int dmU(int a, int n) {
        return (int) dataMemory(a, n);
    }

    private int dmI(int a) {
        return dm[a - DM_BASE];
    }

    private void put1(int reg, int v) {
        regs[reg] = (byte) v;
    }

    private void put2(int reg, int v) {
        regs[reg] = (byte) v;
        regs[reg + 1] = (byte) (v >> 8);
    }

    private static double clamp16(double v) {
        return Math.max(-32768, Math.min(32767, v));
    }

    private static int decikelvin(double celsius) {
        return (int) Math.round((celsius + 273.15) * 10);
    }
}
