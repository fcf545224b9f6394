package dev.kiln.runtime.exec;

/** Receives each line a job writes, from stdout and stderr alike (SageMaker scrapes both). */
@FunctionalInterface
public interface OutputSink {
    void line(String line);
}
