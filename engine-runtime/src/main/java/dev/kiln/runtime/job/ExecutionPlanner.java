package dev.kiln.runtime.job;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.AlgorithmSpecification;
import dev.kiln.runtime.algorithm.AlgorithmRegistry;
import dev.kiln.runtime.exec.ContainerRuntimes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides how a request's algorithm runs. A TrainingImage that is a {@code file://} URI, an absolute
 * or {@code ./}-relative path, or a file that exists relative to the request's directory runs as a
 * local process; anything else names a container image, which needs the Docker executor.
 */
public final class ExecutionPlanner {
    private ExecutionPlanner() {}

    public static ExecutionPlan plan(AlgorithmSpecification spec, Path requestBaseDir) {
        if (spec.algorithmName() != null) {
            Algorithm a = AlgorithmRegistry.find(spec.algorithmName()).orElseThrow(() -> new ValidationException(
                    "AlgorithmName '" + spec.algorithmName() + "' is not a built-in algorithm of this Kiln installation. "
                            + "Available: " + AlgorithmRegistry.names()));
            String mode = spec.trainingInputMode();
            if (mode != null && !a.supportedInputModes().contains(mode)) {
                throw new ValidationException("Algorithm '" + a.name() + "' does not support TrainingInputMode " + mode
                        + "; it supports " + a.supportedInputModes());
            }
            return new ExecutionPlan.BuiltInAlgorithm(a.name());
        }
        String image = spec.trainingImage();
        Path exe = localExecutable(image, requestBaseDir);
        if (exe == null) {
            if (ContainerRuntimes.find().isPresent()) {
                List<String> entrypoint = spec.containerEntrypoint() == null ? List.of() : spec.containerEntrypoint();
                List<String> arguments = spec.containerArguments() != null && !spec.containerArguments().isEmpty()
                        ? spec.containerArguments() : (entrypoint.isEmpty() ? List.of("train") : List.of());
                return new ExecutionPlan.ContainerImage(image, entrypoint, arguments);
            }
            throw new ValidationException("TrainingImage '" + image + "' names a container image. This Kiln installation "
                    + "runs local executables (file:///path/to/program) and built-in algorithms (AlgorithmName); "
                    + "container images need the Docker executor (engine-containers), which is not on the class path.");
        }
        if (!Files.isRegularFile(exe)) {
            throw new ValidationException("TrainingImage '" + image + "': no such file " + exe);
        }
        if (!Files.isExecutable(exe)) {
            throw new ValidationException("TrainingImage '" + image + "': " + exe + " is not executable (chmod +x it)");
        }
        List<String> command = new ArrayList<>();
        if (spec.containerEntrypoint() != null && !spec.containerEntrypoint().isEmpty()) {
            // As in Docker, an entrypoint replaces the program and arguments follow it.
            command.addAll(spec.containerEntrypoint());
            if (spec.containerArguments() != null) {
                command.addAll(spec.containerArguments());
            }
        } else {
            command.add(exe.toString());
            if (spec.containerArguments() != null && !spec.containerArguments().isEmpty()) {
                command.addAll(spec.containerArguments());
            } else {
                command.add("train");
            }
        }
        return new ExecutionPlan.LocalExecutable(exe, command);
    }

    /** The local file a TrainingImage names, or null when it is a container image reference. */
    static Path localExecutable(String image, Path base) {
        if (FileUris.isRelative(image)) {
            return Path.of(java.net.URI.create(FileUris.absolute(image, base))).normalize();
        }
        if (image.startsWith("file:")) {
            try {
                return Path.of(URI.create(image)).normalize();
            } catch (IllegalArgumentException e) {
                throw new ValidationException("TrainingImage '" + image + "' is not a valid file URI: " + e.getMessage());
            }
        }
        if (image.startsWith("/")) {
            return Path.of(image).normalize();
        }
        if (image.startsWith("./") || image.startsWith("../")) {
            return base.resolve(image).toAbsolutePath().normalize();
        }
        // A bare relative path counts when it exists; "algo:1" or an ECR name does not.
        if (!image.contains(":") && !image.contains("@")) {
            Path candidate = base.resolve(image).toAbsolutePath().normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
