package dev.kiln.server.cli;

import dev.kiln.server.neptune.Locations;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kiln neptune dataprocessing|modeltraining ...}: Neptune ML's commands on this machine. */
@Command(name = "neptune", description = "Neptune ML's dataprocessing and modeltraining commands on this machine.",
        subcommands = {NeptuneDataProcessingCommand.class, NeptuneModelTrainingCommand.class})
public final class NeptuneCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The request file's JSON, relative {@code file:} locations resolved against its folder. */
    static String readRequest(Path file) {
        return Locations.resolveRequest(Requests.read(file), file.toAbsolutePath().getParent());
    }
}
