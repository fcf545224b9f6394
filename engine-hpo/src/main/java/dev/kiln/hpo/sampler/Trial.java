package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.Configuration;

/** A configuration handed out by {@link Sampler#ask()}; {@code id} identifies it in {@code tell}. */
public record Trial(int id, Configuration configuration) {
}
