package dev.kiln.runtime.job;

/** Where job supervisors run. */
public enum LaunchMode {
    /** On threads of this JVM: the engine process must outlive its jobs (server, tests, tuning jobs). */
    IN_ENGINE,
    /** In a detached process per job ({@code setsid}), so a CLI command may exit while its job runs on. */
    DETACHED
}
