package dev.kiln.runtime.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tags.AddTagsRequest;
import dev.kiln.api.tags.DeleteTagsRequest;
import dev.kiln.api.tags.ListTagsRequest;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AddTags, ListTags and DeleteTags on training jobs created through the job service. */
class ResourceTagsTest {
    @TempDir
    Path tmp;

    @Test
    void aJobsTagsAreItsCreateRequestsUntilChanged() throws Exception {
        try (TrainingJobService jobs = TestJobs.service(tmp.resolve("home"));
             TagStore store = TagStore.open(jobs.home().database())) {
            ObjectNode request = TestJobs.request("Tagged-Job", TestJobs.script(tmp, "t.sh", "true"));
            request.putArray("Tags").addObject().put("Key", "team").put("Value", "ml");
            String arn = jobs.create(TestJobs.toRequest(request), tmp).trainingJobArn();
            ResourceTags tags = new ResourceTags(store).register(new TrainingJobResources(jobs));

            assertEquals(List.of(new Tag("team", "ml")), tags.list(new ListTagsRequest(arn, null, null)).tags());
            tags.add(new AddTagsRequest(arn.replace("tagged-job", "TAGGED-JOB"), List.of(new Tag("owner", "me"))));
            assertEquals(List.of(new Tag("team", "ml"), new Tag("owner", "me")), tags.list(new ListTagsRequest(arn, null, null)).tags());
            tags.delete(new DeleteTagsRequest(arn, List.of("team")));
            var page = tags.list(new ListTagsRequest(arn, null, 50));
            assertEquals(List.of(new Tag("owner", "me")), page.tags());
            assertNull(page.nextToken());

            ValidationException unknown = assertThrows(ValidationException.class,
                    () -> tags.list(new ListTagsRequest(arn.replace("tagged-job", "other"), null, null)));
            assertTrue(unknown.getMessage().contains("does not exist"));
            assertThrows(ValidationException.class,
                    () -> tags.list(new ListTagsRequest(arn.replace("us-east-1", "eu-west-1"), null, null)));
            assertThrows(ValidationException.class, () -> tags.list(new ListTagsRequest(arn, "garbage", null)));
            jobs.awaitTerminal("Tagged-Job", Duration.ofSeconds(30));
        }
    }
}
