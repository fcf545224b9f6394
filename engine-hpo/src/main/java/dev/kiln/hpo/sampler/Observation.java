package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.Configuration;

import java.util.Objects;

/** A configuration and the objective value it achieved (as reported, not sign-adjusted). */
public record Observation(Configuration configuration, double objective) {
    public Observation {
        Objects.requireNonNull(configuration, "configuration");
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("objective must be finite: " + objective);
        }
    }
}
