package dev.kiln.runtime.exec;

import java.util.Optional;
import java.util.ServiceLoader;

/** The container runtime on the class path, if any. */
public final class ContainerRuntimes {
    private ContainerRuntimes() {}

    public static Optional<ContainerRuntime> find() {
        return ServiceLoader.load(ContainerRuntime.class).findFirst();
    }
}
