package dev.kiln.server.cli;

import dev.kiln.api.json.Json;
import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.device.HostResources;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.server.profiles.BenchReport;
import dev.kiln.server.profiles.BenchRequests;
import dev.kiln.server.profiles.BenchResult;
import dev.kiln.server.profiles.HostSummary;
import dev.kiln.server.profiles.ProfileBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln bench-profiles JOB.json --instance-types A,B,...}: runs the job once per instance type,
 * one after another, and prints a comparison of times, estimated cloud cost and final metrics.
 */
@Command(name = "bench-profiles",
        description = "Run one training job under several instance types and compare wall, training and billable time, "
                + "estimated cloud cost and final metrics. Exit 0 when every run completed, 1 otherwise.")
final class BenchProfilesCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "CreateTrainingJob request (the AWS CLI's --cli-input-json form)")
    Path requestFile;

    @Option(names = "--instance-types", required = true, paramLabel = "TYPES",
            description = "Comma-separated instance types, e.g. ml.c5.xlarge,ml.c5.4xlarge,ml.g5.xlarge")
    String instanceTypes;

    @Option(names = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CreateTrainingJobRequest request = RequestParser.parse(Requests.read(requestFile), CreateTrainingJobRequest.class);
        List<String> types = BenchRequests.parseTypes(instanceTypes);
        Map<String, CreateTrainingJobRequest> variants = BenchRequests.variants(request, types, Instant.now());
        Path base = requestFile.toAbsolutePath().getParent();
        KilnHome h = home.resolve();
        KilnConfig config = KilnConfig.load(h);
        PrintWriter err = spec.commandLine().getErr();
        // In-engine: the runs belong to this command, which waits for each anyway.
        try (TrainingJobService service = TrainingJobService.open(h, config, LaunchMode.IN_ENGINE)) {
            HostResources host = HostResources.detect(config.hostOverrides());
            List<BenchResult> results = new ProfileBench(service, host, err).run(variants, base);
            BenchReport report = new BenchReport(HostSummary.of(host), results);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty(report));
            } else {
                out.print(report.text());
            }
            out.flush();
            return report.allCompleted() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
