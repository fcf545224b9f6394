package dev.kiln.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.common.Tag;
import java.util.List;

/** SageMaker AddTags' request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddTagsRequest(String resourceArn, List<Tag> tags) {
}
