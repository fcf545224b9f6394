package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.tuning.TuningEngines;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kiln list-tuning-jobs}: ListHyperParameterTuningJobs' JSON. */
@Command(name = "list-tuning-jobs", description = "Print ListHyperParameterTuningJobs JSON.")
final class ListTuningJobsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--status-equals", paramLabel = "STATUS", description = "InProgress, Completed, Failed, Stopping or Stopped")
    String statusEquals;

    @Option(names = "--name-contains", paramLabel = "TEXT")
    String nameContains;

    @Option(names = "--max-results", paramLabel = "N", description = "1 to 100 (default 10)")
    Integer maxResults;

    @Option(names = "--sort-by", paramLabel = "FIELD", description = "Name, Status or CreationTime (default)")
    String sortBy;

    @Option(names = "--sort-order", paramLabel = "ORDER", description = "Ascending (default) or Descending")
    String sortOrder;

    @Option(names = "--next-token", paramLabel = "TOKEN")
    String nextToken;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            var request = new ListHyperParameterTuningJobsRequest(nextToken, maxResults, sortBy, sortOrder, nameContains,
                    null, null, null, null, statusEquals);
            spec.commandLine().getOut().println(Json.pretty(service.list(request)));
        }
        return ExitCodes.OK;
    }
}
