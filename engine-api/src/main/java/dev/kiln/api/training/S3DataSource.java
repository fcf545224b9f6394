package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An S3 prefix or manifest. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3DataSource(
        String s3DataType,
        String s3Uri,
        String s3DataDistributionType,
        List<String> attributeNames,
        List<String> instanceGroupNames,
        ModelAccessConfig modelAccessConfig,
        HubAccessConfig hubAccessConfig) {
}
