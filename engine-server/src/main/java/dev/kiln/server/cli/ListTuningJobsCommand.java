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

    @Option(names = "--name-contains", paramLabel = "TEXT")
    String nameContains;

    @Option(names = "--sort-by", paramLabel = "FIELD", description = "Name, Status or CreationTime (default)")
    String sortBy;

    @Mixin
    ListOptions list;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            var request = new ListHyperParameterTuningJobsRequest(list.nextToken, list.maxResults, sortBy, list.sortOrder,
                    nameContains, null, null, null, null, list.statusEquals);
            spec.commandLine().getOut().println(Json.pretty(service.list(request)));
        }
        return ExitCodes.OK;
    }
}
