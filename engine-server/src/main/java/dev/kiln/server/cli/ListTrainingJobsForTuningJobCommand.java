package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.tuning.TuningEngines;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln list-training-jobs-for-tuning-job NAME}: ListTrainingJobsForHyperParameterTuningJob's JSON. */
@Command(name = "list-training-jobs-for-tuning-job",
        description = "Print ListTrainingJobsForHyperParameterTuningJob JSON: a tuning job's training jobs with their objective.")
final class ListTrainingJobsForTuningJobCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--status-equals", paramLabel = "STATUS", description = "InProgress, Completed, Failed, Stopping or Stopped")
    String statusEquals;

    @Option(names = "--sort-by", paramLabel = "FIELD",
            description = "Name (default), CreationTime, Status or FinalObjectiveMetricValue")
    String sortBy;

    @Option(names = "--sort-order", paramLabel = "ORDER", description = "Ascending (default) or Descending")
    String sortOrder;

    @Option(names = "--max-results", paramLabel = "N", description = "1 to 100 (default 10)")
    Integer maxResults;

    @Option(names = "--next-token", paramLabel = "TOKEN")
    String nextToken;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            var request = new ListTrainingJobsForHyperParameterTuningJobRequest(name, nextToken, maxResults, statusEquals,
                    sortBy, sortOrder);
            spec.commandLine().getOut().println(Json.pretty(service.listTrainingJobs(request)));
        }
        return ExitCodes.OK;
    }
}
