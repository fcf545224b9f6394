package dev.kiln.api.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricRegexTest {
    @Test
    void pythonNamedGroupsBecomeJavaOnes() {
        assertEquals("loss=(?<v>[0-9.]+) again (\\k<v>)", MetricRegex.toJava("loss=(?P<v>[0-9.]+) again ((?P=v))"));
        Matcher m = Pattern.compile(MetricRegex.toJava("acc=(?P<acc>[0-9.]+)")).matcher("epoch 3 acc=0.91");
        m.find();
        assertEquals("0.91", m.group(1));
    }

    @Test
    void escapedOrPlainRegexesAreUnchanged() {
        assertEquals("\\(?P<x>", MetricRegex.toJava("\\(?P<x>"));
        assertEquals("loss=([0-9.]+)", MetricRegex.toJava("loss=([0-9.]+)"));
    }
}
