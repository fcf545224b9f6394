package dev.kiln.runtime.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Named pipes, made with the {@code mkfifo} command because Java has no call for it. */
final class Fifos {
    private Fifos() {}

    static void create(Path fifo) throws IOException, InterruptedException {
        Files.deleteIfExists(fifo); // a FIFO left by an earlier run of the same job
        Process process = new ProcessBuilder("mkfifo", "--", fifo.toString()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: " + new String(output, StandardCharsets.UTF_8).trim());
        }
    }
}
