package dev.kiln.hpo.tuning;

import dev.kiln.runtime.store.ProcessRef;

/**
 * Starts the orchestrator of a tuning job: on a thread of this engine, or in a detached JVM that
 * outlives the command that created the job. Claiming happens inside the store transaction that
 * records the claimant, so two engines never orchestrate one tuning job.
 */
interface OrchestratorLauncher extends AutoCloseable {

    /** Called inside the claiming transaction: starts (or prepares) the orchestrator and returns its process. */
    ProcessRef claim(TuningJobRecord job);

    /** Called once the claim is committed. */
    void claimed(String name);

    @Override
    void close();
}
