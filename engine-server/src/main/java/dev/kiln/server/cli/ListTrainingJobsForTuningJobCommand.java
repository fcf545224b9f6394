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

    @Option(names = "--sort-by", paramLabel = "FIELD",
            description = "Name (default), CreationTime, Status or FinalObjectiveMetricValue")
    String sortBy;

    @Mixin
    ListOptions list;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            var request = new ListTrainingJobsForHyperParameterTuningJobRequest(name, list.nextToken, list.maxResults,
                    list.statusEquals, sortBy, list.sortOrder);
            spec.commandLine().getOut().println(Json.pretty(service.listTrainingJobs(request)));
        }
        return ExitCodes.OK;
    }
}
