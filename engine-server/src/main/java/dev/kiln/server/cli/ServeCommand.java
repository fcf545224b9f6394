package dev.kiln.server.cli;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.server.http.EndpointSettings;
import dev.kiln.server.http.KilnEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kiln serve [--port 8080] [--bind 127.0.0.1] [--home DIR]}: the AWS-compatible endpoint for
 * SDKs and the AWS CLI. Jobs run on threads of this process, in the same home (one job store) as the
 * other commands. SIGTERM (or Ctrl+C) stops accepting, lets requests in flight finish and exits;
 * jobs still running are resolved at the next engine start, as after any restart.
 */
@Command(name = "serve", description = "Serve the SageMaker and CloudWatch Logs APIs over HTTP for AWS SDKs and the AWS CLI.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs kiln.auth.* credentials")
    String bind;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KilnHome kilnHome = home.resolve();
        KilnConfig config = KilnConfig.load(kilnHome);
        EndpointSettings settings;
        try {
            settings = EndpointSettings.of(InetAddress.getByName(bind), port, config);
        } catch (UnknownHostException e) {
            err.println("kiln serve: unknown address --bind " + bind);
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("kiln serve: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        TrainingJobService service = TrainingJobService.open(kilnHome, config, LaunchMode.IN_ENGINE);
        KilnEndpoint endpoint;
        try {
            endpoint = KilnEndpoint.start(settings, service);
        } catch (IOException e) {
            service.close();
            err.println("kiln serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        printEnvironment(out, endpoint, kilnHome, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("kiln serve: stopping (finishing requests in flight)");
            out.flush();
            endpoint.close();
            service.close();
            out.println("kiln serve: stopped");
            out.flush();
            stopped.countDown();
        }, "kiln-serve-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static void printEnvironment(PrintWriter out, KilnEndpoint endpoint, KilnHome home, KilnConfig config) {
        String url = endpoint.uri().toString();
        out.println("Kiln endpoint listening on " + url + " (bound to " + endpoint.settings().bind().getHostAddress() + ")");
        out.println("  home:       " + home.root() + " (the same job store as the other kiln commands)");
        out.println("  SageMaker:  " + String.join(", ", endpoint.sageMaker().operationNames()));
        out.println("  Logs:       " + String.join(", ", endpoint.logs().operationNames()) + " (log group /aws/sagemaker/TrainingJobs)");
        out.println("  signatures: " + endpoint.settings().credentials()
                .map(c -> "required (SigV4, access key " + c.accessKeyId() + ")")
                .orElse("not checked (no kiln.auth.* credentials configured; loopback only)"));
        out.println("Environment for AWS SDKs and the AWS CLI:");
        out.println("  export AWS_ENDPOINT_URL_SAGEMAKER=" + url);
        // Clients derive the variable from the service id "CloudWatch Logs", not from the endpoint prefix "logs".
        out.println("  export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=" + url);
        out.println("  export AWS_REGION=" + config.region() + " AWS_DEFAULT_REGION=" + config.region());
        endpoint.settings().credentials().ifPresentOrElse(c -> {
            out.println("  export AWS_ACCESS_KEY_ID=" + c.accessKeyId());
            out.println("  export AWS_SECRET_ACCESS_KEY=...   # the value of " + EndpointSettings.SECRET_ACCESS_KEY + " in "
                    + home.configFile());
        }, () -> out.println("  export AWS_ACCESS_KEY_ID=kiln AWS_SECRET_ACCESS_KEY=kiln   # any values: signatures are not checked"));
        out.println("Stop with Ctrl+C or SIGTERM.");
        out.flush();
    }

    /** Runs {@code kiln serve} on its own (the same as {@code kiln serve ...} once registered in {@link KilnCommand}). */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        System.exit(cli.execute(args));
    }
}
