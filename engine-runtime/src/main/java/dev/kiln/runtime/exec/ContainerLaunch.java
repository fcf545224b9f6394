package dev.kiln.runtime.exec;

import dev.kiln.runtime.contract.HostSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a container runtime needs to start one job's container.
 *
 * @param kilnHome           the Kiln home running the job (label containers with it and the job name,
 *                           so an engine cleans up only its own leftovers)
 * @param jobName            the training job
 * @param image              the TrainingImage as given (an ECR-style name may match a local tag)
 * @param entrypoint         ContainerEntrypoint, or empty for the image's own
 * @param arguments          ContainerArguments, or {@code ["train"]} when neither is given
 * @param environment        the job's environment with container paths ({@code /opt/ml/...}) for SM_* variables
 * @param optMlDir           the job's {@code /opt/ml} tree on the host, to bind-mount at {@code /opt/ml}
 * @param host               resources from the device profile (CPU threads, memory, GPU ids)
 * @param networkIsolation   EnableNetworkIsolation: no network at all
 * @param debugKeepContainers keep containers after the job (configuration {@code kiln.docker.keepContainers})
 */
public record ContainerLaunch(
        Path kilnHome,
        String jobName,
        String image,
        List<String> entrypoint,
        List<String> arguments,
        Map<String, String> environment,
        Path optMlDir,
        HostSpec host,
        boolean networkIsolation,
        boolean debugKeepContainers) {

    public ContainerLaunch {
        entrypoint = List.copyOf(entrypoint);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
