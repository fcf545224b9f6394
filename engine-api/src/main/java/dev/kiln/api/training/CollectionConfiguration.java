package dev.kiln.api.training;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A Debugger tensor collection. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionConfiguration(String collectionName, Map<String, String> collectionParameters) {
}
