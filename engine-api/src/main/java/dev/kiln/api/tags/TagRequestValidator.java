package dev.kiln.api.tags;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.validation.Constraints;
import dev.kiln.api.validation.Shapes;
import dev.kiln.api.validation.StringShape;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks AddTags, ListTags and DeleteTags requests against the service model's shapes (ResourceArn,
 * TagList of at most 50, TagKeyList of 1 to 50, ListTags' MaxResults of at least 50), then the
 * rules the service applies on top: unique keys within a request and no {@code aws:} keys, a prefix
 * AWS reserves for its own tags.
 */
public final class TagRequestValidator {
    /** ResourceArn as the model defines it; {@code .+} must not span lines. */
    public static final StringShape RESOURCE_ARN =
            StringShape.pattern(0, 256, "arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+");
    /** The most tags one request may carry and one resource may have. */
    public static final int MAX_TAGS = 50;
    static final StringShape NEXT_TOKEN = StringShape.pattern(0, 8192, ".*");

    private TagRequestValidator() {}

    public static void validateAdd(AddTagsRequest r) {
        Constraints c = new Constraints();
        c.requiredString("resourceArn", r.resourceArn(), RESOURCE_ARN);
        if (c.required("tags", r.tags())) {
            tags(c, "tags", r.tags());
        }
        c.throwIfAny();
        Set<String> keys = new HashSet<>();
        for (Tag t : r.tags()) {
            reserved(t.key());
            if (!keys.add(t.key())) {
                throw new ValidationException("Duplicate tag key '" + t.key() + "' in Tags: tag keys must be unique per resource.");
            }
        }
    }

    public static void validateList(ListTagsRequest r) {
        Constraints c = new Constraints();
        c.requiredString("resourceArn", r.resourceArn(), RESOURCE_ARN);
        c.string("nextToken", r.nextToken(), NEXT_TOKEN);
        c.number("maxResults", r.maxResults(), 50L, null);
        c.throwIfAny();
    }

    public static void validateDelete(DeleteTagsRequest r) {
        Constraints c = new Constraints();
        c.requiredString("resourceArn", r.resourceArn(), RESOURCE_ARN);
        if (c.required("tagKeys", r.tagKeys())) {
            c.stringList("tagKeys", r.tagKeys(), 1, MAX_TAGS, Shapes.TAG_KEY);
        }
        c.throwIfAny();
        r.tagKeys().forEach(TagRequestValidator::reserved);
    }

    private static void tags(Constraints c, String path, List<Tag> tags) {
        c.list(path, tags, 0, MAX_TAGS);
        for (int i = 0; i < tags.size(); i++) {
            String p = member(path, i);
            Tag t = tags.get(i);
            if (c.required(p, t)) {
                c.requiredString(at(p, "key"), t.key(), Shapes.TAG_KEY);
                c.requiredString(at(p, "value"), t.value(), Shapes.TAG_VALUE);
            }
        }
    }

    private static void reserved(String key) {
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new ValidationException("Tag keys starting with 'aws:' are reserved for system use: '" + key + "'");
        }
    }
}
