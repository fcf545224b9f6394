package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** VPC subnets and security groups. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VpcConfig(List<String> securityGroupIds, List<String> subnets) {
}
