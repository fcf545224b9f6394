package dev.kiln.runtime.job;

import java.nio.file.Path;
import java.util.List;

/** How a job's training program runs, decided when the job is created. */
public sealed interface ExecutionPlan {

    /**
     * A local executable (TrainingImage {@code file://...} or a path): the command line is the
     * ContainerEntrypoint (default: the executable) followed by ContainerArguments (default: {@code train}).
     */
    record LocalExecutable(Path executable, List<String> command) implements ExecutionPlan {
        public LocalExecutable {
            command = List.copyOf(command);
        }
    }

    /** A container image, run by the {@link dev.kiln.runtime.exec.ContainerRuntime} on the class path. */
    record ContainerImage(String image, List<String> entrypoint, List<String> arguments) implements ExecutionPlan {
        public ContainerImage {
            entrypoint = List.copyOf(entrypoint);
            arguments = List.copyOf(arguments);
        }
    }

    /** A built-in algorithm found by AlgorithmName. */
    record BuiltInAlgorithm(String algorithmName) implements ExecutionPlan {
    }
}
