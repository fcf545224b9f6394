package dev.kiln.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.common.Tag;
import java.util.List;

/** SageMaker AddTags' response: the tags the request added (the service echoes them). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddTagsResponse(List<Tag> tags) {
}
