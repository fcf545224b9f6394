package dev.kiln.runtime.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lists the machine's NVIDIA GPUs with {@code nvidia-smi}. A machine without the tool, or one where
 * it fails or hangs, has no GPUs as far as Kiln is concerned.
 */
public final class NvidiaSmi {
    /** The query Kiln runs; its output is what {@link #parse} reads. */
    public static final List<String> COMMAND =
            List.of("nvidia-smi", "--query-gpu=index,name,memory.total", "--format=csv,noheader,nounits");
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final long MIB = 1L << 20;

    private NvidiaSmi() {}

    /** The GPUs {@code nvidia-smi} reports, or none when it is absent, fails or outlives {@link #TIMEOUT}. */
    public static List<HostResources.Gpu> query() {
        return query(COMMAND, TIMEOUT);
    }

    static List<HostResources.Gpu> query(List<String> command, Duration timeout) {
        Path out = null;
        Process p = null;
        try {
            // Output goes to a file, not a pipe: a hung tool can then never block the reader.
            out = Files.createTempFile("kiln-nvidia-smi", ".csv");
            p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of(); // not installed, or not runnable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /**
     * Reads {@code index, name, memory.total} lines (memory in MiB, as {@code nounits} prints it).
     * Lines that are not of that form are skipped; memory shown as {@code [N/A]} counts as 0 (unknown).
     */
    public static List<HostResources.Gpu> parse(String csv) {
        List<HostResources.Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            if (first < 0 || first == last) {
                continue;
            }
            try {
                int index = Integer.parseInt(line.substring(0, first).strip());
                String name = line.substring(first + 1, last).strip();
                gpus.add(new HostResources.Gpu(index, name, mebibytes(line.substring(last + 1).strip())));
            } catch (NumberFormatException e) {
                // not a GPU line (a warning the driver printed, say)
            }
        }
        return List.copyOf(gpus);
    }

    private static long mebibytes(String field) {
        try {
            return Math.round(Double.parseDouble(field) * MIB);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
