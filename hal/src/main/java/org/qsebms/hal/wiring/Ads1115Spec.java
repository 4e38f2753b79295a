package org.qsebms.hal.wiring;

import org.qsebms.hal.ads1115.Ads1115DataRate;
import org.qsebms.hal.ads1115.Ads1115Pga;

/** One ADS1115: id, Linux I2C bus number, address 0x48..0x4B, range, rate, optional ALERT/RDY GPIO (-1 = poll OS bit). */
public record Ads1115Spec(String id, int bus, int address, Ads1115Pga pga, Ads1115DataRate dataRate, int alertRdyPin) {}
