package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One group of a heterogeneous cluster. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceGroup(String instanceType, Integer instanceCount, String instanceGroupName) {
}
