package dev.kiln.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void pathsNumberListMembersFromOne() {
        assertEquals("inputDataConfig.1.member.channelName",
                Constraints.at(Constraints.member("inputDataConfig", 0), "channelName"));
        assertEquals("roleArn", Constraints.at("", "roleArn"));
    }

    @Test
    void nothingCollectedThrowsNothing() {
        Constraints c = new Constraints();
        c.string("a", "ok", StringShape.length(1, 5));
        c.number("n", 3, 1L, 5L);
        c.string("absent", null, StringShape.length(1, 5));
        assertTrue(c.isEmpty());
        c.throwIfAny();
    }

    @Test
    void everyBrokenConstraintIsOneError() {
        Constraints c = new Constraints();
        c.requiredString("name", "-x-", Shapes.TRAINING_JOB_NAME);
        c.required("spec", null);
        c.number("count", 0, 1L, null);
        ValidationException e = assertThrows(ValidationException.class, c::throwIfAny);
        assertEquals(3, e.errors().size());
        assertEquals("3 validation errors detected: "
                + "Value '-x-' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; "
                + "Value null at 'spec' failed to satisfy constraint: Member must not be null; "
                + "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1",
                e.getMessage());
        assertEquals("ValidationException", e.errorCode());
    }

    @Test
    void enumListsItsValues() {
        Constraints c = new Constraints();
        c.string("mode", "Stream", Shapes.TRAINING_INPUT_MODE);
        assertEquals(List.of("Value 'Stream' at 'mode' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [File, Pipe, FastFile]"), c.violations());
    }

    @Test
    void mapReportsBadKeysOnceAndBadValuesOnceWithoutEchoing() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ok", "v".repeat(3000));
        m.put("", "v".repeat(3000));
        Constraints c = new Constraints();
        c.map("hookParameters", m, 0, 20, Shapes.CONFIG_KEY, Shapes.CONFIG_VALUE);
        assertEquals(List.of(
                "Value at 'hookParameters' failed to satisfy constraint: Map keys must satisfy constraint: "
                        + "[Member must have length less than or equal to 256, Member must have length greater than or equal to 1, "
                        + "Member must satisfy regular expression pattern: .*]",
                "Value at 'hookParameters' failed to satisfy constraint: Map value must satisfy constraint: "
                        + "[Member must have length less than or equal to 256, Member must have length greater than or equal to 0, "
                        + "Member must satisfy regular expression pattern: .*]"), c.violations());
    }

    @Test
    void stringListsAreEchoedAndTheirMembersChecked() {
        Constraints c = new Constraints();
        c.stringList("vpcConfig.subnets", Arrays.asList("subnet-1", "bad subnet", null), 1, 2, Shapes.VPC_ID);
        assertEquals(List.of(
                "Value '[subnet-1, bad subnet, null]' at 'vpcConfig.subnets' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 2",
                "Value 'bad subnet' at 'vpcConfig.subnets.2.member' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [-0-9a-zA-Z]+",
                "Value null at 'vpcConfig.subnets.3.member' failed to satisfy constraint: Member must not be null"),
                c.violations());
    }

    @Test
    void multiLineValuesMatchDotStarPatterns() {
        assertTrue(Shapes.HYPER_PARAMETER_VALUE.violations("line one\nline two").isEmpty());
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertTrue(StringShape.length(0, 2).violations("\uD83D\uDE00\uD83D\uDE00").isEmpty()); // two emoji
    }

    @Test
    void s3UriAcceptsFileUris() {
        for (String ok : List.of("s3://b/k", "s3://b", "https://b.s3.amazonaws.com/k", "file:///tmp/x", "file://localhost/tmp",
                "file:relative/data/", "file:/tmp/x")) {
            assertTrue(Shapes.S3_URI.violations(ok).isEmpty(), ok);
        }
        for (String bad : List.of("s3:///k", "http://b/k", "file://host/tmp", "/tmp/x", "file:")) {
            assertEquals(1, Shapes.S3_URI.violations(bad).size(), bad);
        }
    }

    @Test
    void instanceTypeEnumsComeFromTheModel() {
        assertEquals(145, Shapes.TRAINING_INSTANCE_TYPE.enumValues().size());
        assertEquals(127, Shapes.PROCESSING_INSTANCE_TYPE.enumValues().size());
        assertTrue(Shapes.TRAINING_INSTANCE_TYPE.enumValues().containsAll(Shapes.PROCESSING_INSTANCE_TYPE.enumValues()));
    }
}
