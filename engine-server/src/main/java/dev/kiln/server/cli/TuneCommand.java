package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.tuning.TrialTable;
import dev.kiln.server.tuning.TuningEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln tune TUNING.json [--wait]}: CreateHyperParameterTuningJob from a request file. */
@Command(name = "tune", description = "Create a hyperparameter tuning job from a CreateHyperParameterTuningJob request (JSON).")
final class TuneCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "TUNING.json",
            description = "CreateHyperParameterTuningJob request (the AWS CLI's --cli-input-json form)")
    Path requestFile;

    @Option(names = "--wait", description = "Follow the tuning job with a table of its trials; exit 0 Completed, 1 Failed, 3 Stopped")
    boolean await;

    @Option(names = "--name", paramLabel = "NAME", description = "Override HyperParameterTuningJobName (handy for re-running a sample)")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CreateHyperParameterTuningJobRequest request = Requests.parse(requestFile, CreateHyperParameterTuningJobRequest.class,
                "HyperParameterTuningJobName", name);
        Path base = requestFile.toAbsolutePath().getParent();
        try (TuningJobService service = TuningEngines.open(home.resolve())) {
            spec.commandLine().getOut().println(Json.pretty(service.create(request, base)));
            spec.commandLine().getOut().flush();
            if (!await) {
                return ExitCodes.OK;
            }
            var err = spec.commandLine().getErr();
            String tuningJob = request.hyperParameterTuningJobName();
            TuningJobRecord end = new TrialTable(service, tuningJob, err, System.console() != null).follow(Duration.ofDays(30));
            if (end.failureReason() != null) {
                err.println("FailureReason: " + end.failureReason());
            }
            awaitReport(service.reportFile(tuningJob));
            err.println("Report: " + service.reportFile(tuningJob));
            err.flush();
            return switch (end.status()) {
                case Completed -> ExitCodes.OK;
                case Stopped -> ExitCodes.STOPPED;
                default -> ExitCodes.FAILED;
            };
        }
    }

    /** The orchestrator writes the report just before the status turns terminal; allow a moment for the file system. */
    private static void awaitReport(Path report) throws InterruptedException {
        for (int i = 0; i < 20 && !Files.exists(report); i++) {
            Thread.sleep(50);
        }
    }
}
