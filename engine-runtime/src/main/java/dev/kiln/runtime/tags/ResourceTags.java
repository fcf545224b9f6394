package dev.kiln.runtime.tags;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tags.AddTagsRequest;
import dev.kiln.api.tags.AddTagsResponse;
import dev.kiln.api.tags.DeleteTagsRequest;
import dev.kiln.api.tags.DeleteTagsResponse;
import dev.kiln.api.tags.ListTagsRequest;
import dev.kiln.api.tags.ListTagsResponse;
import dev.kiln.api.tags.TagRequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SageMaker's AddTags, ListTags and DeleteTags over a {@link TagStore}. Requests are validated as the
 * service does; an ARN that names no resource of a registered kind is a ValidationException, which is
 * what SageMaker answers for a resource it does not know.
 */
public final class ResourceTags {
    private static final int DEFAULT_PAGE = 50;
    private static final String TOKEN_PREFIX = "tags:";

    private final TagStore store;
    private final List<TaggableResources> kinds = new CopyOnWriteArrayList<>();

    public ResourceTags(TagStore store) {
        this.store = store;
    }

    /** Makes the resources of one more kind taggable. */
    public ResourceTags register(TaggableResources kind) {
        kinds.add(kind);
        return this;
    }

    public AddTagsResponse add(AddTagsRequest r) {
        TagRequestValidator.validateAdd(r);
        TaggableResources.Resource resource = find(r.resourceArn());
        store.put(resource.arn(), r.tags(), resource::creationTags, TagRequestValidator.MAX_TAGS);
        return new AddTagsResponse(List.copyOf(r.tags()));
    }

    public ListTagsResponse list(ListTagsRequest r) {
        TagRequestValidator.validateList(r);
        TaggableResources.Resource resource = find(r.resourceArn());
        List<Tag> all = store.list(resource.arn(), resource::creationTags);
        int offset = decode(r.nextToken());
        int size = r.maxResults() == null ? DEFAULT_PAGE : r.maxResults();
        int end = (int) Math.min(all.size(), (long) offset + size);
        List<Tag> page = offset >= all.size() ? List.of() : new ArrayList<>(all.subList(offset, end));
        return new ListTagsResponse(page, end < all.size() ? encode(end) : null);
    }

    public DeleteTagsResponse delete(DeleteTagsRequest r) {
        TagRequestValidator.validateDelete(r);
        TaggableResources.Resource resource = find(r.resourceArn());
        store.remove(resource.arn(), r.tagKeys(), resource::creationTags);
        return new DeleteTagsResponse();
    }

    private TaggableResources.Resource find(String arn) {
        for (TaggableResources kind : kinds) {
            var found = kind.find(arn);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ValidationException("Resource " + arn + " does not exist or is not a resource this endpoint can tag.");
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(s.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not a token of ours
        }
        throw new ValidationException("Invalid pagination token: " + token);
    }
}
