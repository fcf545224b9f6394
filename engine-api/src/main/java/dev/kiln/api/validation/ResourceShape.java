package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.training.InstanceGroup;
import dev.kiln.api.training.InstancePlacementConfig;
import dev.kiln.api.training.PlacementSpecification;
import dev.kiln.api.training.ResourceConfig;
import dev.kiln.api.training.VpcConfig;
import java.util.List;

/** Shape constraints of ResourceConfig and VpcConfig. */
final class ResourceShape {
    private ResourceShape() {}

    static void resourceConfig(Constraints c, String path, ResourceConfig r) {
        c.string(at(path, "instanceType"), r.instanceType(), Shapes.TRAINING_INSTANCE_TYPE);
        boolean groups = r.instanceGroups() != null && !r.instanceGroups().isEmpty();
        if (!groups) {
            // Without InstanceGroups the service needs a type and a count (it documents them as an
            // alternative to groups); with groups they must be absent, a semantic rule checked later.
            c.required(at(path, "instanceType"), r.instanceType());
            c.required(at(path, "instanceCount"), r.instanceCount());
        }
        // The model allows 0; a job needs an instance, and the service rejects 0 at run time.
        c.number(at(path, "instanceCount"), r.instanceCount(), 1L, null);
        c.requiredNumber(at(path, "volumeSizeInGB"), r.volumeSizeInGB(), 1L, null);
        c.string(at(path, "volumeKmsKeyId"), r.volumeKmsKeyId(), Shapes.KMS_KEY_ID);
        c.number(at(path, "keepAlivePeriodInSeconds"), r.keepAlivePeriodInSeconds(), 0L, 21600L);
        instanceGroups(c, at(path, "instanceGroups"), r.instanceGroups());
        c.string(at(path, "trainingPlanArn"), r.trainingPlanArn(), Shapes.TRAINING_PLAN_ARN);
        placement(c, at(path, "instancePlacementConfig"), r.instancePlacementConfig());
    }

    private static void instanceGroups(Constraints c, String path, List<InstanceGroup> groups) {
        if (!c.list(path, groups, 0, 5)) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            String p = member(path, i);
            InstanceGroup g = groups.get(i);
            if (c.required(p, g)) {
                c.requiredString(at(p, "instanceType"), g.instanceType(), Shapes.TRAINING_INSTANCE_TYPE);
                c.requiredNumber(at(p, "instanceCount"), g.instanceCount(), 1L, null);
                c.requiredString(at(p, "instanceGroupName"), g.instanceGroupName(), Shapes.INSTANCE_GROUP_NAME);
            }
        }
    }

    private static void placement(Constraints c, String path, InstancePlacementConfig p) {
        if (p == null) {
            return;
        }
        String listPath = at(path, "placementSpecifications");
        List<PlacementSpecification> specs = p.placementSpecifications();
        if (!c.list(listPath, specs, 0, 10)) {
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            String sp = member(listPath, i);
            PlacementSpecification s = specs.get(i);
            if (c.required(sp, s)) {
                c.string(at(sp, "ultraServerId"), s.ultraServerId(), Shapes.STRING_256);
                c.requiredNumber(at(sp, "instanceCount"), s.instanceCount(), 0L, null);
            }
        }
    }

    static void vpcConfig(Constraints c, String path, VpcConfig v) {
        if (v == null) {
            return;
        }
        if (c.required(at(path, "securityGroupIds"), v.securityGroupIds())) {
            c.stringList(at(path, "securityGroupIds"), v.securityGroupIds(), 1, 5, Shapes.VPC_ID);
        }
        if (c.required(at(path, "subnets"), v.subnets())) {
            c.stringList(at(path, "subnets"), v.subnets(), 1, 16, Shapes.VPC_ID);
        }
    }
}
