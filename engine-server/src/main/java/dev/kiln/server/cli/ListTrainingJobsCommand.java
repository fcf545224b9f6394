package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.runtime.job.TrainingJobService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kiln list-training-jobs}: ListTrainingJobs' JSON. */
@Command(name = "list-training-jobs", description = "Print ListTrainingJobs JSON.")
final class ListTrainingJobsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--status-equals", paramLabel = "STATUS", description = "InProgress, Completed, Failed, Stopping or Stopped")
    String statusEquals;

    @Option(names = "--name-contains", paramLabel = "TEXT")
    String nameContains;

    @Option(names = "--max-results", paramLabel = "N", description = "1 to 100 (default 10)")
    Integer maxResults;

    @Option(names = "--sort-by", paramLabel = "FIELD", description = "Name, CreationTime (default) or Status")
    String sortBy;

    @Option(names = "--sort-order", paramLabel = "ORDER", description = "Ascending (default) or Descending")
    String sortOrder;

    @Option(names = "--next-token", paramLabel = "TOKEN")
    String nextToken;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TrainingJobService service = home.open()) {
            var request = new ListTrainingJobsRequest(nextToken, maxResults, null, null, null, null, nameContains,
                    statusEquals, sortBy, sortOrder, null, null);
            spec.commandLine().getOut().println(Json.pretty(service.list(request)));
        }
        return ExitCodes.OK;
    }
}
