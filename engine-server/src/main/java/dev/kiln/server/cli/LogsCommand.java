package dev.kiln.server.cli;

import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.log.JobLogReader;
import dev.kiln.runtime.log.LogEvent;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kiln logs NAME [--follow]}: the job's output (stdout and stderr, as CloudWatch would hold it). */
@Command(name = "logs", description = "Print a training job's log.")
final class LogsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the job ends")
    boolean follow;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (TrainingJobService service = home.open()) {
            var file = service.logFile(name);
            PrintWriter out = spec.commandLine().getOut();
            JobLogReader reader = new JobLogReader(file);
            if (follow) {
                reader.follow(0, e -> {
                    out.println(e.message());
                    out.flush();
                }, () -> !service.record(name).isTerminal());
            } else {
                long next = 0;
                while (true) {
                    var batch = reader.read(next, 10_000);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (LogEvent e : batch) {
                        out.println(e.message());
                    }
                    next = batch.get(batch.size() - 1).sequence() + 1;
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
