package dev.kiln.runtime.algorithm;

import dev.kiln.api.algorithm.Algorithm;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the child JVM that runs an in-process algorithm: {@code AlgorithmMain <AlgorithmName>}
 * with the contract environment. SIGTERM raises the stop signal and gives {@code train} until the
 * supervisor's grace period ends (the supervisor sends SIGKILL after it).
 */
public final class AlgorithmMain {
    private AlgorithmMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AlgorithmMain <AlgorithmName>");
            System.exit(2);
        }
        StopFlag stop = new StopFlag();
        PrintStream log = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.raise();
            try {
                done.await(); // the JVM exits once train() has returned (or SIGKILL comes)
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "kiln-stop"));
        int code = run(args[0], System.getenv(), log, stop);
        log.flush();
        done.countDown();
        System.exit(code);
    }

    /** Runs one algorithm to its end; the exit code the job process would have. Shared with the in-thread runner. */
    static int run(String algorithmName, java.util.Map<String, String> env, PrintStream log, StopFlag stop) {
        LocalAlgorithmContext context = null;
        try {
            context = new LocalAlgorithmContext(env, log, stop);
            Algorithm algorithm = AlgorithmRegistry.find(algorithmName)
                    .orElseThrow(() -> new IllegalArgumentException("no built-in algorithm named " + algorithmName));
            algorithm.train(context);
            return 0;
        } catch (Throwable t) {
            String message = t.getClass().getSimpleName() + ": " + (t.getMessage() == null ? "" : t.getMessage());
            log.println("Algorithm " + algorithmName + " failed: " + message);
            t.printStackTrace(log);
            writeFailure(context == null ? failureFileFrom(env) : context.failureFile(), message);
            return 1;
        }
    }

    private static Path failureFileFrom(java.util.Map<String, String> env) {
        String out = env.get("SM_OUTPUT_DIR");
        return out == null ? null : Path.of(out, "failure");
    }

    private static void writeFailure(Path file, String message) {
        if (file == null) {
            return;
        }
        try {
            // The algorithm's own failure file, if it wrote one, says more than our exception text.
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, message, StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException ignored) {
            // FailureReason falls back to the exit status.
        }
    }
}
