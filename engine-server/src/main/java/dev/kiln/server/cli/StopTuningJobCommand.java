package dev.kiln.server.cli;

import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.tuning.TuningEngines;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln stop-tuning-job NAME}: StopHyperParameterTuningJob (prints nothing, as the service returns nothing). */
@Command(name = "stop-tuning-job", description = "Stop a tuning job and its running training jobs.")
final class StopTuningJobCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            service.stop(new StopHyperParameterTuningJobRequest(name));
        }
        return ExitCodes.OK;
    }
}
