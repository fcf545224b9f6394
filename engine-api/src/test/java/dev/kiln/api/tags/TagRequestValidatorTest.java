package dev.kiln.api.tags;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.json.RequestParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AddTags, ListTags and DeleteTags requests against the service model's constraints and rules. */
class TagRequestValidatorTest {
    static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:training-job/my-job";

    @Test
    void readsTheWireShapes() {
        AddTagsRequest add = RequestParser.parse("{\"ResourceArn\": \"" + ARN + "\", \"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]}",
                AddTagsRequest.class);
        assertEquals(List.of(new Tag("k", "v")), add.tags());
        assertEquals("{}", Json.write(new DeleteTagsResponse()));
        assertEquals("{\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}],\"NextToken\":\"t\"}",
                Json.write(new ListTagsResponse(List.of(new Tag("k", "v")), "t")));
    }

    @Test
    void acceptsValidRequests() {
        assertDoesNotThrow(() -> TagRequestValidator.validateAdd(new AddTagsRequest(ARN, List.of(new Tag("team", "ml"), new Tag("a b.c:d/e=f+g-h@i", "")))));
        assertDoesNotThrow(() -> TagRequestValidator.validateList(new ListTagsRequest(ARN, null, 50)));
        assertDoesNotThrow(() -> TagRequestValidator.validateDelete(new DeleteTagsRequest(ARN, List.of("team"))));
    }

    @Test
    void reportsShapeViolationsAsTheServiceDoes() {
        ValidationException arn = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateList(new ListTagsRequest("arn:aws:s3:::bucket", null, 10)));
        assertEquals("2 validation errors detected: Value 'arn:aws:s3:::bucket' at 'resourceArn' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+; "
                + "Value '10' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 50",
                arn.getMessage());

        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(new Tag("k" + i, "v"));
        }
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateAdd(new AddTagsRequest(ARN, many)));
        assertTrue(tooMany.getMessage().contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"),
                tooMany.getMessage());

        ValidationException badKey = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateAdd(new AddTagsRequest(ARN, List.of(new Tag("bad#key", null)))));
        assertTrue(badKey.getMessage().startsWith("2 validation errors detected: Value 'bad#key' at 'tags.1.member.key'"), badKey.getMessage());
        assertTrue(badKey.getMessage().contains("Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"));

        ValidationException noKeys = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateDelete(new DeleteTagsRequest(ARN, List.of())));
        assertTrue(noKeys.getMessage().contains("at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1"));
        ValidationException missing = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateAdd(new AddTagsRequest(null, null)));
        assertTrue(missing.getMessage().startsWith("2 validation errors detected"), missing.getMessage());
    }

    @Test
    void refusesReservedAndDuplicateKeys() {
        ValidationException reserved = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateAdd(new AddTagsRequest(ARN, List.of(new Tag("AWS:owner", "x")))));
        assertTrue(reserved.getMessage().contains("reserved"), reserved.getMessage());
        assertThrows(ValidationException.class, () -> TagRequestValidator.validateDelete(new DeleteTagsRequest(ARN, List.of("aws:x"))));
        ValidationException dup = assertThrows(ValidationException.class,
                () -> TagRequestValidator.validateAdd(new AddTagsRequest(ARN, List.of(new Tag("k", "1"), new Tag("k", "2")))));
        assertTrue(dup.getMessage().contains("Duplicate tag key 'k'"), dup.getMessage());
    }
}
