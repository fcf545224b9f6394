package dev.kiln.hpo.sampler;

/** Thrown by {@link Sampler#ask()} when the sampler has no configuration left (a finished grid). */
public final class SearchExhaustedException extends IllegalStateException {
    public SearchExhaustedException(String message) {
        super(message);
    }
}
