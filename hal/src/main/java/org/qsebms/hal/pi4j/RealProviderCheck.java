package org.qsebms.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.provider.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to drive a pack through Pi4J's mock plugin. The mock providers have priority 1000
 * and silently win over the real ones when {@code pi4j-plugin-mock} is on the runtime class
 * path, so the BMS would "measure" nothing while believing it runs on hardware.
 */
final class RealProviderCheck {
    private RealProviderCheck() {}

    /** @throws IllegalStateException listing the mock providers and the fix */
    static void requireRealProviders(Context pi4j) {
        List<String> mocks = new ArrayList<>();
        for (IOType type : new IOType[] {IOType.I2C, IOType.SPI, IOType.DIGITAL_OUTPUT, IOType.DIGITAL_INPUT}) {
            if (!pi4j.hasProvider(type)) {
                continue;
            }
            Provider<?, ?, ?> p = pi4j.provider(type);
            if (isMock(p)) {
                mocks.add(type + "=" + p.id());
            }
        }
        if (!mocks.isEmpty()) {
            throw new IllegalStateException("hal.backend is pi4j but Pi4J selected mock providers " + mocks
                    + "; pi4j-plugin-mock must not be on the runtime class path (keep it in test scope), "
                    + "or set hal.backend: simulated to run without hardware");
        }
    }

    static boolean isMock(Provider<?, ?, ?> p) {
        return p.id().toLowerCase(java.util.Locale.ROOT).contains("mock")
                || p.getClass().getName().startsWith("com.pi4j.plugin.mock");
    }
}
