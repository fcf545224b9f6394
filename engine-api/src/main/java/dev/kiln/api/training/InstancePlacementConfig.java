package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Placement on a training plan's UltraServers. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstancePlacementConfig(Boolean enableMultipleJobs, List<PlacementSpecification> placementSpecifications) {
}
