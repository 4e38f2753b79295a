package org.qsebms.bms.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.qsebms.hal.BalancingSwitches;
import org.qsebms.hal.CellVoltageSensor;
import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.CurrentSensor;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.PackVoltageSensor;
import org.qsebms.hal.SensorStatus;
import org.qsebms.hal.TemperatureSensor;
import org.qsebms.hal.Watchdog;

/**
 * The hardware ports of a {@link SimulatedPack}: sensors with measurement noise (fixed seed) and
 * sensor-fault injection, contactors with auxiliary feedback, balancing switches.
 */
public final class SimulatedHardware {
    private final SimulatedPack pack;
    private final SplittableRandom noise;
    private final double cellNoiseVolts;
    private final double currentNoiseAmps;
    private final double tempNoiseCelsius;
    private final SensorStatus[] cellFault;
    private final SensorStatus[] tempFault;
    private final double[] stuckCellVolts;
    private final double[] stuckTemp;
    private SensorStatus currentFault = SensorStatus.OK;

    public SimulatedHardware(SimulatedPack pack, long seed) {
        this(pack, seed, 0.001, 0.01, 0.1);
    }

    public SimulatedHardware(SimulatedPack pack, long seed, double cellNoiseVolts, double currentNoiseAmps,
                             double tempNoiseCelsius) {
        this.pack = pack;
        this.noise = new SplittableRandom(seed);
        this.cellNoiseVolts = cellNoiseVolts;
        this.currentNoiseAmps = currentNoiseAmps;
        this.tempNoiseCelsius = tempNoiseCelsius;
        int n = pack.cellCount();
        this.cellFault = new SensorStatus[n];
        this.tempFault = new SensorStatus[n];
        this.stuckCellVolts = new double[n];
        this.stuckTemp = new double[n];
        java.util.Arrays.fill(cellFault, SensorStatus.OK);
        java.util.Arrays.fill(tempFault, SensorStatus.OK);
    }

    /** Builds the ports as one {@link PackHardware}. */
    public PackHardware hardware() {
        Map<ContactorId, Contactor> contactors = new EnumMap<>(ContactorId.class);
        for (ContactorId id : ContactorId.values()) {
            contactors.put(id, new SimContactor(id));
        }
        return new PackHardware(new Cells(), new PackVolts(), new Current(), new Temps(), contactors, new Balancing(),
                Watchdog.none(), null);
    }

    public SimulatedPack pack() {
        return pack;
    }

    /** Injects a sensor fault on one cell-voltage channel: STUCK holds the present value, others report the status. */
    public void injectCellSensorFault(int cell, SensorStatus status) {
        stuckCellVolts[cell] = pack.cellVolts(cell);
        cellFault[cell] = status;
    }

    public void injectTemperatureSensorFault(int channel, SensorStatus status) {
        stuckTemp[channel] = pack.cellCelsius(channel);
        tempFault[channel] = status;
    }

    public void injectCurrentSensorFault(SensorStatus status) {
        currentFault = status;
    }

    private double gauss() {
        return Math.max(-4, Math.min(4, noise.nextGaussian()));
    }

    private final class Cells implements CellVoltageSensor {
        @Override
        public int cellCount() {
            return pack.cellCount();
        }

        @Override
        public void readInto(double[] cellVolts, SensorStatus[] status) {
            for (int i = 0; i < pack.cellCount(); i++) {
                SensorStatus f = cellFault[i];
                status[i] = f;
                if (f == SensorStatus.STUCK) {
                    cellVolts[i] = stuckCellVolts[i];
                    status[i] = SensorStatus.OK; // a stuck ADC looks healthy; plausibility must find it
                } else if (f == SensorStatus.OPEN_WIRE) {
                    cellVolts[i] = 0.0;
                } else if (f == SensorStatus.OK) {
                    cellVolts[i] = pack.cellVolts(i) + cellNoiseVolts * gauss();
                }
            }
        }
    }

    private final class PackVolts implements PackVoltageSensor {
        @Override
        public double readPackVolts() {
            return pack.stackVolts() * (1 + 0.001 * gauss());
        }

        @Override
        public SensorStatus lastStatus() {
            return SensorStatus.OK;
        }

        @Override
        public double readLinkVolts() {
            return pack.linkVolts();
        }
    }

    private final class Current implements CurrentSensor {
        @Override
        public double readPackAmps() {
            return currentFault == SensorStatus.OK ? pack.packAmps() + currentNoiseAmps * gauss() : 0.0;
        }

        @Override
        public SensorStatus lastStatus() {
            return currentFault;
        }
    }

    private final class Temps implements TemperatureSensor {
        @Override
        public int channelCount() {
            return pack.cellCount();
        }

        @Override
        public void readInto(double[] celsius, SensorStatus[] status) {
            for (int i = 0; i < pack.cellCount(); i++) {
                SensorStatus f = tempFault[i];
                status[i] = f;
                if (f == SensorStatus.STUCK) {
                    celsius[i] = stuckTemp[i];
                    status[i] = SensorStatus.OK;
                } else if (f == SensorStatus.OK) {
                    celsius[i] = pack.cellCelsius(i) + tempNoiseCelsius * gauss();
                }
            }
        }
    }

    private final class SimContactor implements Contactor {
        private final ContactorId id;

        SimContactor(ContactorId id) {
            this.id = id;
        }

        @Override
        public ContactorId id() {
            return id;
        }

        @Override
        public void command(boolean closed) {
            pack.command(id, closed);
        }

        @Override
        public boolean commandedClosed() {
            return pack.commanded(id);
        }

        @Override
        public boolean feedbackClosed() {
            return pack.contactsClosed(id);
        }
    }

    private final class Balancing implements BalancingSwitches {
        @Override
        public int cellCount() {
            return pack.cellCount();
        }

        @Override
        public void set(int cell, boolean on) {
            pack.setBalancing(cell, on);
        }

        @Override
        public boolean isOn(int cell) {
            return pack.balancing(cell);
        }

        @Override
        public double bleedOhms() {
            return pack.balancingOhms();
        }
    }
}
