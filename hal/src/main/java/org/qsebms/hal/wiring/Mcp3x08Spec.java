package org.qsebms.hal.wiring;

import org.qsebms.hal.mcp3208.Mcp3x08Model;

/** One MCP3208/MCP3008: id, model, SPI bus, chip select, reference voltage and SPI clock. */
public record Mcp3x08Spec(String id, Mcp3x08Model model, int bus, int chipSelect, double vrefVolts, int clockHz) {}
