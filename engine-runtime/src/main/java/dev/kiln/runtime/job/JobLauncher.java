package dev.kiln.runtime.job;

/** Starts the supervisor of a newly created job: on a thread of this engine or in a detached process. */
interface JobLauncher extends AutoCloseable {

    void launch(String jobName);

    @Override
    void close();
}
