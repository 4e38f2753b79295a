package org.qsebms.hal.wiring;

import java.util.List;
import java.util.Optional;
import org.qsebms.hal.PackHardware;
import org.qsebms.hal.SwitchedLoad;

/**
 * The hardware built from a {@link WiringConfig}: the ports for the control loop, the fan and
 * heater outputs, the chips (for the probe and self-test) and where each reading comes from.
 */
public record Board(
        PackHardware hardware,
        Optional<SwitchedLoad> fan,
        Optional<SwitchedLoad> heater,
        List<ChipCheck> chips,
        List<String> cellLocations,
        String currentLocation,
        Optional<String> packVoltageLocation,
        List<String> temperatureLocations)
        implements AutoCloseable {

    @Override
    public void close() {
        hardware.close();
    }
}
