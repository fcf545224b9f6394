package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.server.neptune.TrainingDataConfiguration.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
    private static final long[] LINES = {2, 3, 4, 5};

    private static Feature feature(String type, String norm, String imputer, String separator, double[] range, int buckets,
            int window) {
        return new Feature("c", "c", type, norm, imputer, separator, range, buckets, window);
    }

    @Test
    void numericalImputesThenNormalises() {
        FeatureEncoder.Encoded e = FeatureEncoder.encode(feature("numerical", "min-max", "median", null, null, 0, 0), "int",
                List.of("1", "", "3", "5"), LINES, "f.csv");
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f, 1f}, column(e, 0));
        FeatureEncoder.Encoded s = FeatureEncoder.encode(feature("numerical", "standard", "mean", null, null, 0, 0), "int",
                List.of("1", "3", "", "2"), LINES, "f.csv");
        assertArrayEquals(new float[] {-1.4142135f, 1.4142135f, 0f, 0f}, column(s, 0), 1e-6f);
    }

    @Test
    void multiValuedNumericalBecomesAVector() {
        FeatureEncoder.Encoded e = FeatureEncoder.encode(feature("numerical", "none", "none", ";", null, 0, 0), null,
                List.of("1;2", "3", "", "4;5"), LINES, "f.csv");
        assertEquals(List.of("c[0]", "c[1]"), e.names());
        assertArrayEquals(new float[] {2, 0, 0, 5}, column(e, 1));
    }

    @Test
    void categoryIsOneHotOrMultiHot() {
        FeatureEncoder.Encoded e = FeatureEncoder.encode(feature("category", "min-max", "none", "|", null, 0, 0), "string",
                List.of("b", "a|b", "", "c"), LINES, "f.csv");
        assertEquals(List.of("c=a", "c=b", "c=c"), e.names());
        assertArrayEquals(new float[] {1, 1, 0}, e.values()[1]);
        assertArrayEquals(new float[] {0, 0, 0}, e.values()[2]);
    }

    @Test
    void bucketsWithASlidingWindow() {
        FeatureEncoder.Encoded e = FeatureEncoder.encode(feature("bucket_numerical", "min-max", "none", null,
                new double[] {0, 100}, 10, 10), "int", List.of("5", "50", "", "250"), LINES, "f.csv");
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, e.values()[0]);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, e.values()[1]);
        assertArrayEquals(new float[10], e.values()[2], "missing with imputer none");
        assertEquals(1f, e.values()[3][9], "clamped into the last bucket");
    }

    @Test
    void autoPicksByTypeOrValues() {
        assertEquals(List.of("c"), FeatureEncoder.encode(feature("auto", "none", "none", null, null, 0, 0), null,
                List.of("1.5", "2", "", "3"), LINES, "f.csv").names());
        assertEquals(2, FeatureEncoder.encode(feature("auto", "none", "none", null, null, 0, 0), "string",
                List.of("x", "y", "", "x"), LINES, "f.csv").names().size());
    }

    @Test
    void textEncodingsAreRefusedAndBadNumbersNameTheLine() {
        assertThrows(BadGraphInputException.class, () -> FeatureEncoder.encode(feature("text_word2vec", "none", "none", null,
                null, 0, 0), "string", List.of("a", "b", "c", "d"), LINES, "f.csv"));
        BadGraphInputException e = assertThrows(BadGraphInputException.class, () -> FeatureEncoder.encode(feature(
                "numerical", "none", "none", null, null, 0, 0), "int", List.of("1", "2", "x", "4"), LINES, "f.csv"));
        assertEquals("f.csv:4: 'x' in column c is not a number", e.getMessage());
    }

    private static float[] column(FeatureEncoder.Encoded e, int k) {
        float[] c = new float[e.values().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = e.values()[i][k];
        }
        return c;
    }
}
