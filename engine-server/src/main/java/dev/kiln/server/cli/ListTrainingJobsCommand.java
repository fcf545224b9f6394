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

    @Option(names = "--name-contains", paramLabel = "TEXT")
    String nameContains;

    @Option(names = "--sort-by", paramLabel = "FIELD", description = "Name, CreationTime (default) or Status")
    String sortBy;

    @Mixin
    ListOptions list;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TrainingJobService service = home.open()) {
            var request = new ListTrainingJobsRequest(list.nextToken, list.maxResults, null, null, null, null, nameContains,
                    list.statusEquals, sortBy, list.sortOrder, null, null);
            spec.commandLine().getOut().println(Json.pretty(service.list(request)));
        }
        return ExitCodes.OK;
    }
}
