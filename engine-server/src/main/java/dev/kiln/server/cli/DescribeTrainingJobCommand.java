package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.runtime.job.TrainingJobService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln describe-training-job NAME}: DescribeTrainingJob's JSON. */
@Command(name = "describe-training-job", description = "Print DescribeTrainingJob JSON for a job.")
final class DescribeTrainingJobCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TrainingJobService service = home.open()) {
            spec.commandLine().getOut().println(Json.pretty(service.describe(new DescribeTrainingJobRequest(name))));
        }
        return ExitCodes.OK;
    }
}
