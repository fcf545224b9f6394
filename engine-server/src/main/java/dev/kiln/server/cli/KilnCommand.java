package dev.kiln.server.cli;

import dev.kiln.api.error.KilnApiException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kiln} command line: SageMaker's training-job operations on this machine. */
@Command(name = "kiln",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Runs SageMaker training and tuning jobs and Neptune ML model training on this machine, "
                + "from the request JSON the cloud APIs take.",
        subcommands = {
            TrainCommand.class,
            DescribeTrainingJobCommand.class,
            ListTrainingJobsCommand.class,
            StopTrainingJobCommand.class,
            LogsCommand.class,
            ProfilesCommand.class,
            BenchProfilesCommand.class,
            ServeCommand.class,
            TuneCommand.class,
            DescribeTuningJobCommand.class,
            ListTuningJobsCommand.class,
            ListTrainingJobsForTuningJobCommand.class,
            StopTuningJobCommand.class,
            NeptuneCommand.class,
            CommandLine.HelpCommand.class
        })
public final class KilnCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; the process exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new KilnCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KilnApiException api) {
                // The AWS CLI prints "An error occurred (Code) ..."; we print the code and message plainly.
                commandLine.getErr().println(api.errorCode() + ": " + api.getMessage());
                return ExitCodes.REJECTED;
            }
            commandLine.getErr().println("kiln: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCodes.INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("kiln: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }
}
