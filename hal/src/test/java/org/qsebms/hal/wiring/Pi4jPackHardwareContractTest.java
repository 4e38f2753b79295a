package org.qsebms.hal.wiring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.qsebms.hal.pi4j.Pi4jBoardPorts;

/**
 * The contract on a real Raspberry Pi wired as config/examples/pi-4s-ads1115.yaml (docs/wiring.md).
 * Run with {@code ./mvnw -pl hal -am verify -DexcludedGroups= -Dgroups=hardware} on the Pi,
 * without pi4j-plugin-mock on the class path winning (the board refuses mock providers).
 */
@Tag("hardware")
class Pi4jPackHardwareContractTest extends PackHardwareContract {
    @Override
    protected Board createBoard() {
        assumeTrue(
                Files.exists(Path.of("/dev/i2c-1")) && Files.exists(Path.of("/dev/spidev0.0")),
                "no /dev/i2c-1 or /dev/spidev0.0: not on a wired Raspberry Pi");
        return PackHardwareFactory.build(ExampleWiring.fourSeries(), new Pi4jBoardPorts(Pi4J.newAutoContext()));
    }

    @Override
    protected void waitForContactors() throws InterruptedException {
        Thread.sleep(100);
    }
}
