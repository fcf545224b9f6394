package dev.kiln.runtime.log;

import java.nio.charset.StandardCharsets;

/**
 * Encodes events as {@code <millis>TAB<message>LF} in UTF-8. In the message, backslash, LF and CR
 * are escaped as {@code \\}, {@code \n} and {@code \r} so that every event is exactly one line;
 * tabs and all other characters are kept as they are (the first tab ends the timestamp).
 */
final class LogLineCodec {
    private LogLineCodec() {}

    /** The message's bytes, escaped, without timestamp or terminator. */
    static byte[] encodeMessage(String message) {
        if (message.indexOf('\\') < 0 && message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder escaped = new StringBuilder(message.length() + 8);
        for (int k = 0; k < message.length(); k++) {
            char c = message.charAt(k);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes one line (terminator excluded). A line without a valid timestamp, which only a
     * crash in the middle of a write can leave, is kept whole as the message with timestamp 0.
     */
    static LogEvent decode(byte[] buf, int start, int end, long sequence) {
        int tab = -1;
        long millis = 0;
        for (int k = start; k < end && k - start <= 19; k++) {
            byte b = buf[k];
            if (b == '\t') {
                tab = k;
                break;
            }
            if (b < '0' || b > '9') {
                break;
            }
            millis = millis * 10 + (b - '0');
        }
        if (tab <= start) {
            return new LogEvent(0, unescape(new String(buf, start, end - start, StandardCharsets.UTF_8)), sequence);
        }
        return new LogEvent(millis, unescape(new String(buf, tab + 1, end - tab - 1, StandardCharsets.UTF_8)), sequence);
    }

    static String unescape(String s) {
        int backslash = s.indexOf('\\');
        if (backslash < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, backslash);
        for (int k = backslash; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\' || k + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++k);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                default -> out.append(c).append(next); // not written by us; keep it verbatim
            }
        }
        return out.toString();
    }
}
