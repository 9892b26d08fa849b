package io.emporium.runner.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What this client reads from Spring Security's login page: whether it is one, and its CSRF token. */
final class LoginForm {

    static final String CSRF_PARAMETER = "_csrf";

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSRF_NAME =
            Pattern.compile("\\bname\\s*=\\s*([\"'])" + CSRF_PARAMETER + "\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("\\bvalue\\s*=\\s*([\"'])(.*?)\\1",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PASSWORD_INPUT =
            Pattern.compile("<input\\b[^>]*\\btype\\s*=\\s*([\"'])password\\1", Pattern.CASE_INSENSITIVE);

    private LoginForm() {
    }

    /** Whether the page has a password field: Spring Security's login page (or another form login) does. */
    static boolean isLoginPage(String html) {
        return html != null && PASSWORD_INPUT.matcher(html).find();
    }

    /**
     * The value of the first {@code <input name="_csrf" value="...">}, whatever the order of its attributes and the
     * quotes around them; empty when the page has none.
     */
    static Optional<String> csrfToken(String html) {
        if (html == null) {
            return Optional.empty();
        }
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            String tag = input.group();
            if (CSRF_NAME.matcher(tag).find()) {
                Matcher value = VALUE.matcher(tag);
                if (value.find()) {
                    return Optional.of(unescape(value.group(2)));
                }
            }
        }
        return Optional.empty();
    }

    /** The character references an HTML-escaped attribute value can hold (Spring escapes {@code & < > " '}). */
    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
