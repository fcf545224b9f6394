package dev.kiln.runtime.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ResourceLimitExceededException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tags by ARN: seeded once from the creation tags, ordered by first addition, limited, persistent. */
class TagStoreTest {
    static final String ARN = "arn:aws:sagemaker:us-east-1:000000000000:training-job/j";

    @TempDir
    Path tmp;

    @Test
    void creationTagsAreCopiedInOnceThenChangedInPlace() {
        AtomicInteger seeded = new AtomicInteger();
        Supplier<List<Tag>> creation = () -> {
            seeded.incrementAndGet();
            return List.of(new Tag("team", "ml"), new Tag("stage", "dev"));
        };
        try (TagStore store = TagStore.open(tmp.resolve("kiln.db"))) {
            assertEquals(List.of(new Tag("team", "ml"), new Tag("stage", "dev")), store.list(ARN, creation));
            store.put(ARN, List.of(new Tag("owner", "me"), new Tag("team", "research")), creation, 50);
            assertEquals(List.of(new Tag("team", "research"), new Tag("stage", "dev"), new Tag("owner", "me")), store.list(ARN, creation));
            store.remove(ARN, List.of("team", "absent"), creation);
            store.put(ARN, List.of(new Tag("team", "again")), creation, 50);
            assertEquals(List.of(new Tag("stage", "dev"), new Tag("owner", "me"), new Tag("team", "again")), store.list(ARN, creation));
            store.remove(ARN, List.of("stage", "owner", "team"), creation);
            assertEquals(List.of(), store.list(ARN, creation)); // deleted creation tags stay deleted
        }
        assertEquals(1, seeded.get());
        try (TagStore reopened = TagStore.open(tmp.resolve("kiln.db"))) {
            assertEquals(List.of(), reopened.list(ARN, creation));
            assertEquals(List.of(new Tag("k", "v")), reopened.list(ARN + "2", () -> List.of(new Tag("k", "v"))));
        }
    }

    @Test
    void keysAreCaseSensitiveAndTheLimitChangesNothingWhenHit() {
        try (TagStore store = TagStore.open(tmp.resolve("kiln.db"))) {
            List<Tag> many = new ArrayList<>();
            for (int i = 0; i < 49; i++) {
                many.add(new Tag("k" + i, "v"));
            }
            store.put(ARN, many, List::of, 50);
            store.put(ARN, List.of(new Tag("K0", "upper")), List::of, 50);
            assertEquals(50, store.list(ARN, List::of).size());
            assertThrows(ResourceLimitExceededException.class, () -> store.put(ARN, List.of(new Tag("new", "x"), new Tag("k1", "y")), List::of, 50));
            assertEquals(new Tag("k1", "v"), store.list(ARN, List::of).get(1));
            store.put(ARN, List.of(new Tag("k1", "overwrite")), List::of, 50); // overwriting adds none
            assertEquals(new Tag("k1", "overwrite"), store.list(ARN, List::of).get(1));
        }
    }
}
