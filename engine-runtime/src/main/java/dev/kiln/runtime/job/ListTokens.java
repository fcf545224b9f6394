package dev.kiln.runtime.job;

import dev.kiln.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken for list calls: the offset of the next page bound to the query it came from, so a token
 * replayed with other filters is refused rather than silently paging the wrong list.
 */
final class ListTokens {
    private ListTokens() {}

    static String encode(int offset, String querySignature) {
        String raw = "v1:" + offset + ":" + Integer.toHexString(querySignature.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String token, String querySignature) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length == 3 && parts[0].equals("v1")
                    && parts[2].equals(Integer.toHexString(querySignature.hashCode()))) {
                return Integer.parseInt(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new ValidationException("Invalid pagination token: NextToken '" + token
                + "' does not belong to this request's filters");
    }
}
