package org.qsebms.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One limit of a preset file: {@code {mol, rsl, msl, hysteresis, debounce}} in the unit its key names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresetLimitDocument(Double mol, Double rsl, Double msl, Double hysteresis, String debounce) {}
