package dev.kiln.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a\tb\t\tc", "tab at end\t", "\tleading tab", "multi\nline\r\nmessage",
        "C:\\path\\new", "literal \\n is not a newline", "trailing backslash\\", "\\\\", "ünïcödé 日本語 🚀 e\u0301",
        "\u0000 nul and \u001b[31mANSI\u001b[0m", "123\tlooks like a stamp"})
    void roundTripsAnyMessageOnOneLine(String message) {
        byte[] body = LogLineCodec.encodeMessage(message);
        String line = "1714557600123\t" + new String(body, StandardCharsets.UTF_8);
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(-1, line.indexOf('\r'));
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertEquals(new LogEvent(1714557600123L, message, 7), LogLineCodec.decode(bytes, 0, bytes.length, 7));
    }

    @Test
    void aLineWithoutTimestampIsKeptWholeWithTimestampZero() {
        byte[] bytes = "torn\\nline\twith tab".getBytes(StandardCharsets.UTF_8);
        assertEquals(new LogEvent(0, "torn\nline\twith tab", 3), LogLineCodec.decode(bytes, 0, bytes.length, 3));
    }

    @Test
    void decodesASliceOfABuffer() {
        byte[] bytes = "xx5\thello\nyy".getBytes(StandardCharsets.UTF_8);
        assertEquals(new LogEvent(5, "hello", 0), LogLineCodec.decode(bytes, 2, 9, 0));
    }
}
