package dev.kiln.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SageMaker ListTags' request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTagsRequest(String resourceArn, String nextToken, Integer maxResults) {
}
