package dev.kiln.server.http;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.server.http.neptune.NeptuneMlProtocol;
import dev.kiln.server.neptune.NeptuneMlService;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.tags.ResourceTags;
import dev.kiln.runtime.tags.TagStore;
import dev.kiln.runtime.tags.TrainingJobResources;
import dev.kiln.server.http.auth.RequestAuthenticator;
import dev.kiln.server.http.auth.SigV4Verifier;
import dev.kiln.server.http.awsjson.AwsJsonProtocol;
import dev.kiln.server.http.awsjson.AwsJsonService;
import dev.kiln.server.http.logs.LogsOperations;
import dev.kiln.server.http.sagemaker.SageMakerOperations;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS-compatible HTTP endpoint: SageMaker and CloudWatch Logs (awsJson1_1) on one port, over a
 * {@link TrainingJobService} the caller opened (and closes). Requests must be SigV4-signed when the
 * settings carry credentials. {@link #close()} answers new requests with 503 ServiceUnavailable,
 * lets those in flight finish (up to the shutdown grace), closes the port and releases the tag store.
 */
public final class KilnEndpoint implements AutoCloseable {
    static {
        // Without TCP_NODELAY a response written as headers then body waits for the client's delayed
        // ACK (about 40 ms per request on Linux). Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EndpointSettings settings;
    private final EndpointHandler handler;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final TagStore tags;
    private final TuningJobService tuning;
    private final AwsJsonService sageMaker;
    private final AwsJsonService logs;
    private final dev.kiln.server.neptune.NeptuneMlService.Watcher neptuneWatcher;
    private boolean closed;

    private KilnEndpoint(EndpointSettings settings, EndpointHandler handler, HttpServer server, ThreadPoolExecutor executor,
                         TagStore tags, TuningJobService tuning, AwsJsonService sageMaker, AwsJsonService logs,
                         dev.kiln.server.neptune.NeptuneMlService.Watcher neptuneWatcher) {
        this.settings = settings;
        this.handler = handler;
        this.server = server;
        this.executor = executor;
        this.tags = tags;
        this.tuning = tuning;
        this.sageMaker = sageMaker;
        this.logs = logs;
        this.neptuneWatcher = neptuneWatcher;
    }

    /** Binds and starts serving; throws if the address is taken. */
    public static KilnEndpoint start(EndpointSettings settings, TrainingJobService jobs) throws IOException {
        TagStore tagStore = TagStore.open(jobs.home().database());
        // Tuning jobs run in this engine too: their orchestrators and trials are threads of the server.
        TuningJobService tuning = TuningJobService.over(jobs, LaunchMode.IN_ENGINE);
        try {
            ResourceTags resourceTags = new ResourceTags(tagStore).register(new TrainingJobResources(jobs));
            AwsJsonService sageMaker = SageMakerOperations.create(jobs, tuning, resourceTags, Path.of("").toAbsolutePath());
            AwsJsonService logs = LogsOperations.create(jobs);
            RequestAuthenticator auth = settings.credentials()
                    .<RequestAuthenticator>map(c -> new SigV4Verifier(c, settings.clock(), settings.maxClockSkew()))
                    .orElse(RequestAuthenticator.none());
            // Neptune ML's REST paths first: anything else is awsJson, told apart by X-Amz-Target.
            NeptuneMlService neptune = new NeptuneMlService(tuning);
            EndpointHandler handler = new EndpointHandler(List.of(new NeptuneMlProtocol(neptune, auth),
                    new AwsJsonProtocol(List.of(sageMaker, logs), auth)), settings.maxBodyBytes());

            HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
            AtomicInteger n = new AtomicInteger();
            // A bounded queue; when it is full the accepting thread runs the request itself, which slows accepting.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(1024), r -> {
                        Thread t = new Thread(r, "kiln-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(executor);
            server.createContext("/", handler);
            server.start();
            // Model-training jobs get their transform step as soon as their HPO job completes.
            NeptuneMlService.Watcher watcher = neptune.watch(java.time.Duration.ofSeconds(2));
            return new KilnEndpoint(settings, handler, server, executor, tagStore, tuning, sageMaker, logs, watcher);
        } catch (IOException | RuntimeException e) {
            tuning.close();
            tagStore.close();
            throw e;
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL clients use; a wildcard bind is reached through loopback from this machine. */
    public URI uri() {
        InetAddress address = settings.bind().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : settings.bind();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + port());
    }

    public EndpointSettings settings() {
        return settings;
    }

    /** Whether requests must carry a valid signature. */
    public boolean signatureRequired() {
        return settings.credentials().isPresent();
    }

    /** The SageMaker service, to which later issues add operations (tuning jobs). */
    public AwsJsonService sageMaker() {
        return sageMaker;
    }

    /** The CloudWatch Logs service. */
    public AwsJsonService logs() {
        return logs;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        handler.drain(settings.shutdownGrace());
        server.stop(0); // closes the listener and every connection; nothing is in flight any more
        executor.shutdown();
        try {
            executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        neptuneWatcher.close();
        tuning.close();
        tags.close();
    }
}
