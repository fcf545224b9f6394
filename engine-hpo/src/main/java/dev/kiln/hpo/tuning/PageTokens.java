package dev.kiln.hpo.tuning;

import dev.kiln.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken of the tuning list calls: the next page's offset bound to the filters it came from, so a
 * token replayed with other filters is refused instead of paging the wrong list.
 */
final class PageTokens {
    private PageTokens() {}

    static String encode(int offset, String signature) {
        String raw = "t1:" + offset + ":" + Integer.toHexString(signature.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String token, String signature) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("t1") && parts[2].equals(Integer.toHexString(signature.hashCode()))) {
                return Integer.parseInt(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw new ValidationException("Invalid pagination token: NextToken '" + token
                + "' does not belong to this request's filters");
    }
}
