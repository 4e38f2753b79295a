package org.qsebms.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.qsebms.hal.wiring.ContactorPins;

/**
 * The Raspberry Pi GPIO pins one wiring section has claimed so far, each with the key path (or
 * function) that claimed it. A pin claimed twice, or one of the I2C-1 pins (GPIO 2 and 3, which
 * carry the measurement bus), is refused naming both users and the fix.
 */
final class GpioPinClaims {
    static final int MAX_GPIO = 27;

    private final Map<Integer, String> users = new HashMap<>();
    private final String i2cBus;

    /** @param i2cBus what the I2C-1 bus carries, for the message ("the BQ76952 bus", "the ADC bus") */
    GpioPinClaims(String i2cBus) {
        this.i2cBus = i2cBus;
    }

    /** Claims {@code pin} for the key at {@code path}. */
    void claim(int pin, String path) {
        if (pin == 2 || pin == 3) {
            throw new ConfigException(
                    path,
                    "GPIO " + pin + " is I2C-1 " + (pin == 2 ? "SDA" : "SCL") + " and carries " + i2cBus
                            + "; choose another pin (see docs/wiring.md)");
        }
        String previous = users.putIfAbsent(pin, path);
        if (previous != null) {
            throw new ConfigException(
                    path, "GPIO " + pin + " is already used by " + previous + "; give each function its own pin");
        }
    }

    /** Reserves {@code pin} for a bus function (its later claim by a key is refused), unless already held. */
    void reserve(int pin, String function) {
        users.putIfAbsent(pin, function);
    }

    /** The optional pin at {@code key} (-1 when absent or -1), claimed when given. */
    int optional(YamlNode n, String key) {
        if (!n.has(key)) {
            return -1;
        }
        int pin = n.integer(key, -1, -1, MAX_GPIO);
        if (pin >= 0) {
            claim(pin, n.child(key));
        }
        return pin;
    }

    /** One contactor's {@code {coilPin, feedbackPin, feedbackClosedHigh}}, both pins claimed. */
    ContactorPins contactor(YamlNode k) {
        k.rejectUnknownKeys(Set.of("coilPin", "feedbackPin", "feedbackClosedHigh"));
        int coil = k.integer("coilPin", Integer.MIN_VALUE, 0, MAX_GPIO);
        claim(coil, k.child("coilPin"));
        int feedback = k.integer("feedbackPin", Integer.MIN_VALUE, 0, MAX_GPIO);
        claim(feedback, k.child("feedbackPin"));
        return new ContactorPins(coil, feedback, k.bool("feedbackClosedHigh", true));
    }
}
