package dev.kiln.hpo.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrialNamesTest {
    @Test
    void namesFollowTheServicesPatternAndAreStable() {
        String a = TrialNames.of("a-tuning-job-name-of-32-chars-xx", "arn:x", 1000, 7);
        assertTrue(a.matches("a-tuning-job-name-of-32-chars-xx-007-[0-9a-f]{8}"), a);
        assertTrue(a.length() <= 63);
        assertEquals(a, TrialNames.of("a-tuning-job-name-of-32-chars-xx", "arn:x", 1000, 7));
        assertTrue(!a.equals(TrialNames.of("a-tuning-job-name-of-32-chars-xx", "arn:x", 1001, 7)));
        assertTrue(TrialNames.of("t", "arn", 0, 1234).startsWith("t-1234-"));
    }
}
