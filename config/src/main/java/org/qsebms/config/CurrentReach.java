package org.qsebms.config;

import java.util.Locale;
import org.qsebms.hal.wiring.AdcInputRef;
import org.qsebms.hal.wiring.Ads1115Spec;
import org.qsebms.hal.wiring.CurrentSpec;
import org.qsebms.hal.wiring.Mcp3x08Spec;
import org.qsebms.hal.wiring.WiringConfig;

/**
 * The currents a Pi's current channel can read, from its ADC's span and the transducer: an ADS1115 pair spans -FS..+FS,
 * a single-ended input or an MCP3x08 (pair or not) 0..FS, raised at the bottom by an open-wire threshold. A reading at
 * a rail means "this much or more" and protection judges it so; but a short-circuit level beyond what the channel
 * reaches, or a charge over-current MSL, could never be seen: a limit that cannot be reached is not a limit. Such a
 * wiring is refused at load (issue 23, check23o), naming the channel's reach, the level and the fix.
 */
final class CurrentReach {
    private CurrentReach() {}

    static void requireReachesTheLimits(WiringConfig w, ProtectionLimits limits, SupplementaryLimits supplementary) {
        CurrentSpec c = w.current();
        double[] span = span(w, c.input());
        if (span == null) {
            return; // an unknown chip is refused elsewhere
        }
        double bottom = c.openWireBelowVolts() > 0 ? Math.max(span[0], c.openWireBelowVolts()) : span[0]; // 0: off
        double sign = c.invert() ? -1.0 : 1.0;
        double atBottom = sign
                * (c.gain()
                                * (bottom - c.transducer().zeroVolts())
                                / c.transducer().voltsPerAmp()
                        + c.offsetAmps());
        double atTop = sign
                * (c.gain()
                                * (span[1] - c.transducer().zeroVolts())
                                / c.transducer().voltsPerAmp()
                        + c.offsetAmps());
        double discharge = -Math.min(atBottom, atTop);
        double charge = Math.max(atBottom, atTop);
        double shortCircuit = supplementary.shortCircuitFactor()
                * limits.dischargeOverCurrent().msl();
        double chargeMsl = limits.chargeOverCurrent().msl();
        String reach = String.format(
                Locale.ROOT,
                "the current channel %s reads %.1f..%.1f A (ADC %.3f..%.3f V, zero %.3f V, %.4f V/A)",
                c.input(),
                -discharge,
                charge,
                bottom,
                span[1],
                c.transducer().zeroVolts(),
                c.transducer().voltsPerAmp());
        String fix = "; choose a smaller shunt or amplifier gain, a wider ADC range or an ADC pair, or tighten the"
                + " limit (docs/wiring.md)";
        if (discharge < shortCircuit) {
            throw new ConfigException(
                    "hal.pi4j.current",
                    String.format(
                            Locale.ROOT,
                            "%s, short of the short-circuit level %.1f A (%.2f x limits.dischargeOverCurrent.msl"
                                    + " %.1f A): a short could never be judged one%s",
                            reach,
                            shortCircuit,
                            supplementary.shortCircuitFactor(),
                            limits.dischargeOverCurrent().msl(),
                            fix));
        }
        if (charge < chargeMsl) {
            throw new ConfigException(
                    "hal.pi4j.current",
                    String.format(
                            Locale.ROOT,
                            "%s, short of limits.chargeOverCurrent.msl %.1f A: that limit could never trip%s",
                            reach,
                            chargeMsl,
                            fix));
        }
    }

    /** {bottom, top} volts the input can read, or null for a chip id no spec has. */
    private static double[] span(WiringConfig w, AdcInputRef in) {
        for (Ads1115Spec a : w.ads1115()) {
            if (a.id().equals(in.chip())) {
                double fs = a.pga().fullScaleVolts();
                return new double[] {in.differential() ? -fs : 0.0, fs};
            }
        }
        for (Mcp3x08Spec m : w.mcp3x08()) {
            if (m.id().equals(in.chip())) {
                return new double[] {0.0, m.vrefVolts()};
            }
        }
        return null;
    }
}
