package dev.kiln.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.common.Tag;
import java.util.List;

/** SageMaker ListTags' response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTagsResponse(List<Tag> tags, String nextToken) {
}
