package io.tierstate.error;

import java.util.regex.Pattern;

/**
 * Masks credentials in text before it is shown: the password of every {@code scheme://user:password@}
 * and every secret-like query or connection parameter ({@code password=}, {@code secret_key=},
 * {@code session_token=}, {@code X-Amz-Signature=} ...), whatever the case. It works on any text,
 * not only on well-formed URIs: the URIs most worth masking are the malformed ones, which end up in
 * error messages. Every TierState message that may quote a URI or a connection string goes through
 * it; an adapter or a caller building messages of its own can use it too:
 *
 * <pre>{@code
 * Redaction.mask("postgresql://ops:hunter2@db/state"); // "postgresql://ops:****@db/state"
 * }</pre>
 */
public final class Redaction {

    /** What a masked value is replaced with. */
    public static final String MASK = "****";

    // userinfo up to the LAST '@' of the line: in a malformed URI a password may hold '@', '/', ':', a quote or a space
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^\\s:/@'\"]*):[^\\n]*@");
    // no '@' at all: what follows "scheme://word:" is a port when it is digits, otherwise it may be a password
    private static final Pattern NOT_A_PORT = Pattern.compile(
            "(?i)([a-z][a-z0-9+.-]*://[^\\s:/@'\"\\[\\]]*):(?![0-9]*(?:[/?#'\"\\s]|$))[^\\s/?#'\"@]*");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|signature|credential|sslkey|apikey|api_key)[a-z0-9_.-]*)=)[^&;\\s'\"]*");

    private Redaction() {}

    /**
     * Masks credentials in a URI or in a message that contains URIs.
     *
     * @param text any text; null gives null
     * @return the text with every password and secret parameter value replaced by {@value #MASK}
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
        masked = NOT_A_PORT.matcher(masked).replaceAll("$1:" + MASK);
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
