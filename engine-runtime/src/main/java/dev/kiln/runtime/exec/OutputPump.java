package dev.kiln.runtime.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Copies a process stream into the sink line by line on a daemon thread. */
final class OutputPump {
    private OutputPump() {}

    static Thread start(String name, InputStream in, OutputSink sink) {
        Thread t = new Thread(() -> {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 65536)) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.line(line);
                }
            } catch (IOException e) {
                // The stream closes when the process is killed; nothing more to read.
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
