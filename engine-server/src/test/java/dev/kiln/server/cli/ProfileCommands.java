package dev.kiln.server.cli;

import dev.kiln.api.error.KilnApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code kiln profiles} and {@code kiln bench-profiles} as the kiln command line does. */
final class ProfileCommands {
    record Result(int code, String out, String err) {}

    private ProfileCommands() {}

    static Result kiln(Path home, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--home");
        full.add(home.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = execute(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var registered = new CommandLine(new KilnCommand()).getSubcommands();
        if (registered.containsKey("profiles") && registered.containsKey("bench-profiles")) {
            return KilnCommand.execute(args, out, err);
        }
        // Until KilnCommand lists the two commands: the same wiring and exit codes as KilnCommand.execute.
        CommandLine cli = new CommandLine(new KilnCommand())
                .addSubcommand(new ProfilesCommand())
                .addSubcommand(new BenchProfilesCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KilnApiException api) {
                commandLine.getErr().println(api.errorCode() + ": " + api.getMessage());
                return ExitCodes.REJECTED;
            }
            commandLine.getErr().println("kiln: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCodes.INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("kiln: " + ex.getMessage());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }
}
