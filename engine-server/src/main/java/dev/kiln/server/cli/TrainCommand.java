package dev.kiln.server.cli;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.CreateTrainingJobResponse;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        String json;
        try {
            json = Files.readString(requestFile);
        } catch (NoSuchFileException e) {
            throw new ValidationException("Request file not found: " + requestFile);
        } catch (IOException e) {
            throw new ValidationException("Cannot read request file " + requestFile + ": " + e.getMessage());
        }
        CreateTrainingJobRequest request = RequestParser.parse(json, CreateTrainingJobRequest.class);
        if (name != null) {
            request = Requests.withName(request, name);
        }
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
