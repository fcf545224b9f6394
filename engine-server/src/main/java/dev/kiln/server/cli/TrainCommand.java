package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.CreateTrainingJobResponse;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln train JOB.json [--wait]}: CreateTrainingJob from a request file. */
@Command(name = "train", description = "Create a training job from a CreateTrainingJob request (JSON).")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "CreateTrainingJob request (the AWS CLI's --cli-input-json form)")
    Path requestFile;

    @Option(names = "--wait", description = "Follow the job until it ends; exit 0 Completed, 1 Failed, 3 Stopped")
    boolean await;

    @Option(names = "--name", paramLabel = "NAME", description = "Override TrainingJobName (handy for re-running a sample)")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CreateTrainingJobRequest request = Requests.parse(requestFile, CreateTrainingJobRequest.class, "TrainingJobName", name);
        Path base = requestFile.toAbsolutePath().getParent();
        try (TrainingJobService service = home.open()) {
            CreateTrainingJobResponse response = service.create(request, base);
            spec.commandLine().getOut().println(Json.pretty(response));
            spec.commandLine().getOut().flush();
            if (!await) {
                return ExitCodes.OK;
            }
            TrainingJobRecord end = new ProgressPrinter(service, request.trainingJobName(), spec.commandLine().getErr())
                    .follow(Duration.ofDays(30));
            return switch (end.status()) {
                case Completed -> ExitCodes.OK;
                case Stopped -> ExitCodes.STOPPED;
                default -> ExitCodes.FAILED;
            };
        }
    }
}
