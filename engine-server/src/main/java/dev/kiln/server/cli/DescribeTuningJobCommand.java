package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.tuning.TuningEngines;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln describe-tuning-job NAME}: DescribeHyperParameterTuningJob's JSON (and the report's path on stderr). */
@Command(name = "describe-tuning-job", description = "Print DescribeHyperParameterTuningJob JSON for a tuning job.")
final class DescribeTuningJobCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            spec.commandLine().getOut().println(Json.pretty(service.describe(new DescribeHyperParameterTuningJobRequest(name))));
            if (Files.exists(service.reportFile(name))) {
                spec.commandLine().getErr().println("Report: " + service.reportFile(name));
            }
        }
        return ExitCodes.OK;
    }
}
