package dev.kiln.containers.docker;

import dev.kiln.runtime.exec.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the chunks of a container's log stream into lines. The engine frames stdout and stderr
 * separately and may cut a line across frames, so each stream keeps its own partial line; a line
 * is handed on whole, in the order its end arrived.
 */
final class LogLines {
    /** A line longer than this is handed on in pieces rather than held without bound. */
    private static final int MAX_LINE = 1 << 20;

    private final OutputSink sink;
    private final ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};

    LogLines(OutputSink sink) {
        this.sink = sink;
    }

    /** Accepts one chunk of stream {@code stream} (0 stdout, 1 stderr). */
    synchronized void accept(int stream, byte[] bytes) {
        ByteArrayOutputStream buf = partial[stream];
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                buf.write(bytes, start, i - start);
                emit(buf);
                start = i + 1;
            }
        }
        buf.write(bytes, start, bytes.length - start);
        if (buf.size() > MAX_LINE) {
            emit(buf);
        }
    }

    /** Hands on what is left of unterminated last lines. */
    synchronized void finish() {
        for (ByteArrayOutputStream buf : partial) {
            if (buf.size() > 0) {
                emit(buf);
            }
        }
    }

    private void emit(ByteArrayOutputStream buf) {
        byte[] b = buf.toByteArray();
        buf.reset();
        int n = b.length;
        if (n > 0 && b[n - 1] == '\r') {
            n--;
        }
        try {
            String line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(b, 0, n)).toString();
            sink.line(line);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
    }
}
