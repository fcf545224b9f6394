package dev.kiln.api.tags;

/** SageMaker DeleteTags' response, which is empty ({@code {}} on the wire). */
public record DeleteTagsResponse() {
}
