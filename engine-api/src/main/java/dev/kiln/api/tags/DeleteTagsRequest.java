package dev.kiln.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** SageMaker DeleteTags' request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteTagsRequest(String resourceArn, List<String> tagKeys) {
}
