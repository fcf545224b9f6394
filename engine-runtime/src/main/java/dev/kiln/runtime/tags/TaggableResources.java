package dev.kiln.runtime.tags;

import dev.kiln.api.common.Tag;
import java.util.List;
import java.util.Optional;

/**
 * The resources of one kind (training jobs, later tuning jobs) that AddTags, ListTags and DeleteTags
 * may address. Each kind registers one of these with {@link ResourceTags}.
 */
public interface TaggableResources {
    /**
     * The resource an ARN names, if it is of this kind and exists; empty otherwise, so that the next
     * kind may be asked.
     */
    Optional<Resource> find(String arn);

    /**
     * An existing resource: its ARN as the service spells it (the key tags are stored under) and the
     * tags it was created with.
     */
    record Resource(String arn, List<Tag> creationTags) {
        public Resource {
            creationTags = creationTags == null ? List.of() : List.copyOf(creationTags);
        }
    }
}
