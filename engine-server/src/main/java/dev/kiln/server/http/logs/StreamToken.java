package dev.kiln.server.http.logs;

import dev.kiln.api.logs.InvalidParameterException;

/**
 * A GetLogEvents paging token: {@code f/<n>} reads forward from event {@code n}, {@code b/<n>} reads
 * backward from just before event {@code n}. Clients treat tokens as opaque and stop paging when a
 * call returns the token they passed, which is what a read at either end of the stream does.
 */
record StreamToken(boolean forward, long position) {

    static StreamToken forward(long position) {
        return new StreamToken(true, position);
    }

    static StreamToken backward(long position) {
        return new StreamToken(false, position);
    }

    static StreamToken parse(String token) {
        if (token.length() > 2 && token.charAt(1) == '/' && (token.charAt(0) == 'f' || token.charAt(0) == 'b')) {
            try {
                long position = Long.parseLong(token.substring(2));
                if (position >= 0) {
                    return new StreamToken(token.charAt(0) == 'f', position);
                }
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new InvalidParameterException("The specified nextToken is invalid: '" + token + "'.");
    }

    @Override
    public String toString() {
        return (forward ? "f/" : "b/") + position;
    }
}
