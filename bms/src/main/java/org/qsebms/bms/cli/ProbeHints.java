package org.qsebms.bms.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The next step for a chip, bus or pin that {@code bms hal probe} could not reach, from where it
 * sits (its location as the probe prints it) and the device nodes under {@code /dev}: a missing
 * node means the bus is not enabled (or this is not a Pi), an unusable one a missing group, a
 * usable one the wiring.
 */
final class ProbeHints {
    private static final Pattern I2C = Pattern.compile("i2c-(\\d+)");
    private static final Pattern SPI = Pattern.compile("spi(\\d+) cs(\\d+)");
    private static final Pattern GPIO = Pattern.compile("GPIO (\\d+)");

    private final Path devices;

    ProbeHints(Path devices) {
        this.devices = devices;
    }

    String forChip(String location, String detail) {
        Matcher m = I2C.matcher(location);
        if (m.find()) {
            String bus = m.group(1);
            return forNode(
                    "i2c-" + bus,
                    "I2C (sudo raspi-config nonint do_i2c 0, or dtparam=i2c_arm=on in " + "/boot/firmware/config.txt)",
                    "i2c",
                    "the chip does not answer on a working bus: check its "
                            + "power, SDA/SCL and pull-ups, and its ADDR strap against the configured address; "
                            + "'i2cdetect -y " + bus + "' lists the addresses that answer");
        }
        m = SPI.matcher(location);
        if (m.find()) {
            return forNode(
                    "spidev" + m.group(1) + "." + m.group(2),
                    "SPI (sudo raspi-config nonint do_spi 0, or " + "dtparam=spi=on in /boot/firmware/config.txt)",
                    "spi",
                    "the bus opens but the chip gives no "
                            + "sensible answer: check its power and reference, MOSI/MISO/SCLK and that its CS pin is CE"
                            + m.group(2));
        }
        m = GPIO.matcher(location);
        if (m.find()) {
            Path chip = firstGpioChip();
            if (chip == null) {
                return "no /dev/gpiochip*: this is not a Raspberry Pi (rehearse with --emulated) or the kernel has no "
                        + "GPIO character device";
            }
            if (!usable(chip)) {
                return "no read/write access to " + chip + ": add the user to the gpio group (the package's "
                        + "qse-bms user is) and log in again";
            }
            return "pin " + m.group(1) + " could not be claimed: another program or a device-tree overlay may hold it "
                    + "('gpioinfo' names the consumer)";
        }
        return "see the message: " + detail;
    }

    private String forNode(String node, String enable, String group, String wiring) {
        Path path = devices.resolve(node);
        if (!Files.exists(path)) {
            return "no /dev/" + node + ": enable " + enable
                    + " and reboot; off a Raspberry Pi rehearse with --emulated";
        }
        if (!usable(path)) {
            return "no read/write access to /dev/" + node + ": add the user to the " + group + " group (the package's "
                    + "qse-bms user is) and log in again";
        }
        return wiring;
    }

    private static boolean usable(Path node) {
        return Files.isReadable(node) && Files.isWritable(node);
    }

    private Path firstGpioChip() {
        try (Stream<Path> nodes = Files.list(devices)) {
            return nodes.filter(p -> p.getFileName().toString().startsWith("gpiochip"))
                    .sorted()
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
