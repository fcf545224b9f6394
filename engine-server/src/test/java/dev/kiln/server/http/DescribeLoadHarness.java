package dev.kiln.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.testing.TestJobs;
import dev.kiln.server.http.testing.EndpointFixture;
import dev.kiln.server.http.testing.RawHttp;
import dev.kiln.server.http.testing.SdkSigning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Load measurement, not a test: DescribeTrainingJob requests per second against the endpoint on
 * loopback with signature checking on, and latency percentiles. Runs only with {@code -Dkiln.load=true}:
 * <pre>
 * mvn -o -q -pl engine-server -am test -Dtest=DescribeLoadHarness -Dkiln.load=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Two phases, each with {@code kiln.load.threads} (2) client threads for {@code kiln.load.seconds}
 * (20) after {@code kiln.load.warmupSeconds} (10): "raw", keep-alive connections sending requests
 * signed by the SDK's signer (re-signed every 500 requests; the server verifies every request in
 * full), which measures the server; and "sdk", the SageMakerClient itself, which adds the client's
 * own cost on the same cores. Results go to stdout and target/load-describe.txt.
 */
@EnabledIfSystemProperty(named = "kiln.load", matches = "true")
class DescribeLoadHarness {
    private static final int RESIGN_EVERY = 500;

    @TempDir
    Path tmp;

    @Test
    void describeTrainingJobUnderLoad() throws Exception {
        int threads = Integer.getInteger("kiln.load.threads", 2);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("kiln.load.warmupSeconds", 10));
        Duration measure = Duration.ofSeconds(Integer.getInteger("kiln.load.seconds", 20));
        try (EndpointFixture fixture = EndpointFixture.start(tmp.resolve("home"))) {
            fixture.jobs.create(TestJobs.toRequest(TestJobs.request("load-target",
                    TestJobs.script(tmp, "t.sh", "for i in 1 2 3; do echo loss=0.$i; done"))), tmp);
            fixture.jobs.awaitTerminal("load-target", Duration.ofSeconds(60));

            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT,
                    "DescribeTrainingJob on %s, SigV4 required, %d client threads, %d s measured after %d s warm-up, %d CPUs",
                    fixture.uri(), threads, measure.toSeconds(), warmup.toSeconds(), Runtime.getRuntime().availableProcessors()));
            report.add(run("raw", threads, warmup, measure, () -> rawClient(fixture)));
            report.add(run("sdk", threads, warmup, measure, () -> sdkClient(fixture)));
            String text = String.join(System.lineSeparator(), report) + System.lineSeparator();
            System.out.print(text);
            Files.writeString(Path.of("target", "load-describe.txt"), text);
        }
    }

    /** One request; returns the HTTP status. */
    interface Client extends AutoCloseable {
        int describe() throws Exception;

        @Override
        void close() throws IOException;
    }

    interface ClientFactory {
        Client open() throws Exception;
    }

    private static Client rawClient(EndpointFixture fixture) throws Exception {
        RawHttp http = new RawHttp(fixture.uri());
        byte[] body = "{\"TrainingJobName\":\"load-target\"}".getBytes(StandardCharsets.UTF_8);
        return new Client() {
            int sent;
            Map<String, String> headers;

            @Override
            public int describe() throws Exception {
                if (sent++ % RESIGN_EVERY == 0) {
                    headers = SdkSigning.awsJsonHeaders(fixture.uri(), "sagemaker", "SageMaker.DescribeTrainingJob", body,
                            EndpointFixture.CREDENTIALS.accessKeyId(), EndpointFixture.CREDENTIALS.secretAccessKey(), Clock.systemUTC());
                }
                return http.send("POST", "/", headers, body).status();
            }

            @Override
            public void close() throws IOException {
                http.close();
            }
        };
    }

    private static Client sdkClient(EndpointFixture fixture) {
        SageMakerClient sm = fixture.sageMaker();
        return new Client() {
            @Override
            public int describe() {
                return sm.describeTrainingJob(r -> r.trainingJobName("load-target")).sdkHttpResponse().statusCode();
            }

            @Override
            public void close() {
                sm.close();
            }
        };
    }

    private static String run(String name, int threads, Duration warmup, Duration measure, ClientFactory factory) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong failures = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                try (Client c = factory.open()) {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        int status = c.describe();
                        long after = System.nanoTime();
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                        if (before >= measureFrom) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = after - before;
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
                latencies[id] = mine;
                counts[id] = n;
            }, "load-" + name + "-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("load client failed", errors.get(0));
        }
        assertEquals(0, failures.get(), "non-200 answers under load");
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        double seconds = measure.toNanos() / 1e9;
        return String.format(Locale.ROOT, "%-4s %8.0f req/s  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (%d requests)",
                name, total / seconds, ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, total);
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
