package dev.kiln.hpo.tuning;

import dev.kiln.hpo.pruner.Decision;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The search over one training job definition's ranges, keyed by the tuning job's trial index: it
 * proposes configurations, judges a running trial by its objective per epoch, and learns from every
 * trial that ends. After a restart, trials launched earlier are {@linkplain #adopt adopted} back.
 */
interface DefinitionSearch {

    /** Values for a new trial and, under Hyperband, its bracket. */
    record Proposal(Map<String, String> hyperParameters, Integer bracket) {}

    /** A configuration for trial {@code index}; empty when the search has nothing left (a finished grid). */
    Optional<Proposal> propose(int index);

    /** Trial {@code index} was launched before a restart with these values; take it back into the search. */
    void adopt(int index, Map<String, String> tuned);

    /** The trial's objective after {@code epoch} epochs (1, 2, ...); STOP means stop it now. */
    Decision observe(int index, int epoch, double objective);

    /** The trial ended with this objective, or none (it failed, or never reported the metric). */
    void finish(int index, OptionalDouble objective);

    boolean exhausted();

    /** Whether running trials must report their objective per epoch (early stopping or Hyperband). */
    boolean usesIntermediateValues();
}
