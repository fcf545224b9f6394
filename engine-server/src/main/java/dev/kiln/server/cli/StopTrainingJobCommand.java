package dev.kiln.server.cli;

import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.runtime.job.TrainingJobService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln stop-training-job NAME}: StopTrainingJob (prints nothing, as the service returns nothing). */
@Command(name = "stop-training-job", description = "Stop a running training job (SIGTERM, then SIGKILL after the grace period).")
final class StopTrainingJobCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (TrainingJobService service = home.open()) {
            service.stop(new StopTrainingJobRequest(name));
        }
        return ExitCodes.OK;
    }
}
