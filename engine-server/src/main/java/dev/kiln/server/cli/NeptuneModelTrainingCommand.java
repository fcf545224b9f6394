package dev.kiln.server.cli;

import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLJobResponse;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.neptune.NeptuneMlService;
import dev.kiln.server.tuning.TuningEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln neptune modeltraining start|status|stop|list}, printing the service's JSON. The HPO
 * step runs in detached tuning supervisors, so a job outlives the command; its transform step runs
 * at the next {@code status} (or during {@code start --wait}).
 */
@Command(name = "modeltraining", description = "Neptune ML model-training jobs.")
final class NeptuneModelTrainingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", description = "Start a model-training job from a StartMLModelTrainingJob request (JSON).")
    int start(@Mixin HomeOption home, @Parameters(paramLabel = "REQUEST.json") Path request,
            @Option(names = "--wait", description = "wait for the job; exit 0 Completed, 1 Failed, 3 Stopped") boolean await)
            throws InterruptedException {
        StartMLModelTrainingJobRequest r = NeptuneJson.parse(NeptuneCommand.readRequest(request),
                StartMLModelTrainingJobRequest.class);
        try (TuningJobService tuning = TuningEngines.open(home.resolve())) {
            NeptuneMlService service = new NeptuneMlService(tuning);
            StartMLJobResponse started = service.startModelTraining(r);
            println(started);
            if (!await) {
                return ExitCodes.OK;
            }
            GetMLModelTrainingJobResponse end = service.awaitModelTraining(started.id(), Duration.ofDays(30));
            println(end);
            return switch (end.status()) {
                case "Completed" -> ExitCodes.OK;
                case "Stopped" -> ExitCodes.STOPPED;
                default -> ExitCodes.FAILED;
            };
        }
    }

    @Command(name = "status", description = "Show a model-training job and its processing, HPO and transform steps.")
    int status(@Mixin HomeOption home, @Parameters(paramLabel = "ID") String id) {
        return print(home, s -> s.getModelTraining(id));
    }

    @Command(name = "stop", description = "Stop a model-training job; --clean deletes its artifacts.")
    int stop(@Mixin HomeOption home, @Parameters(paramLabel = "ID") String id,
            @Option(names = "--clean", description = "delete everything under trainModelS3Location") boolean clean) {
        return print(home, s -> s.cancelModelTraining(id, clean));
    }

    @Command(name = "list", description = "List model-training job ids, newest first.")
    int list(@Mixin HomeOption home, @Option(names = "--max-items", paramLabel = "N",
            description = "at most N ids (default 10, at most 1024)") Integer maxItems) {
        return print(home, s -> s.listModelTraining(maxItems));
    }

    private int print(HomeOption home, Function<NeptuneMlService, Object> call) {
        try (TuningJobService tuning = TuningEngines.open(home.resolve())) {
            println(call.apply(new NeptuneMlService(tuning)));
        }
        return ExitCodes.OK;
    }

    private void println(Object value) {
        spec.commandLine().getOut().println(NeptuneJson.pretty(value));
        spec.commandLine().getOut().flush();
    }
}
