package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    private final List<String> out = new ArrayList<>();
    private final LogLines lines = new LogLines(out::add);

    private void send(int stream, String s) {
        lines.accept(stream, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesCutAcrossFramesAreJoinedPerStream() {
        send(0, "epoch=1 lo");
        send(1, "warn");
        send(0, "ss=0.5\nepoch=2");
        send(1, "ing: slow\r\n");
        send(0, " loss=0.25\n");
        assertEquals(List.of("epoch=1 loss=0.5", "warning: slow", "epoch=2 loss=0.25"), out);
    }

    @Test
    void anUnterminatedLastLineIsKeptAtTheEnd() {
        send(0, "a\nb");
        lines.finish();
        assertEquals(List.of("a", "b"), out);
    }

    @Test
    void utf8SplitInsideACharacterSurvives() {
        byte[] b = "é\n".getBytes(StandardCharsets.UTF_8);
        lines.accept(0, new byte[] {b[0]});
        lines.accept(0, new byte[] {b[1], b[2]});
        assertEquals(List.of("é"), out);
    }
}
