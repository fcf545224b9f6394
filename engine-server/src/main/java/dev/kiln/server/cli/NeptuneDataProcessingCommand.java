package dev.kiln.server.cli;

import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.neptune.NeptuneMlService;
import dev.kiln.server.tuning.TuningEngines;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln neptune dataprocessing start|status|stop|list}, printing the service's JSON. */
@Command(name = "dataprocessing", description = "Neptune ML data-processing jobs.")
final class NeptuneDataProcessingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", description = "Start a data-processing job from a StartMLDataProcessingJob request (JSON); "
            + "processing runs before the command returns.")
    int start(@Mixin HomeOption home, @Parameters(paramLabel = "REQUEST.json") Path request) {
        StartMLDataProcessingJobRequest r = NeptuneJson.parse(NeptuneCommand.readRequest(request),
                StartMLDataProcessingJobRequest.class);
        return print(home, s -> s.startDataProcessing(r));
    }

    @Command(name = "status", description = "Show a data-processing job.")
    int status(@Mixin HomeOption home, @Parameters(paramLabel = "ID") String id) {
        return print(home, s -> s.getDataProcessing(id));
    }

    @Command(name = "stop", description = "Stop a data-processing job; --clean deletes its processed data.")
    int stop(@Mixin HomeOption home, @Parameters(paramLabel = "ID") String id,
            @Option(names = "--clean", description = "delete the job's artifacts") boolean clean) {
        return print(home, s -> s.cancelDataProcessing(id, clean));
    }

    @Command(name = "list", description = "List data-processing job ids, newest first.")
    int list(@Mixin HomeOption home, @Option(names = "--max-items", paramLabel = "N",
            description = "at most N ids (default 10, at most 1024)") Integer maxItems) {
        return print(home, s -> s.listDataProcessing(maxItems));
    }

    private int print(HomeOption home, Function<NeptuneMlService, Object> call) {
        try (TuningJobService tuning = TuningEngines.open(home.resolve())) {
            spec.commandLine().getOut().println(NeptuneJson.pretty(call.apply(new NeptuneMlService(tuning))));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
