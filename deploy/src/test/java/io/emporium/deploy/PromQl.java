package io.emporium.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to tell which metrics an expression reads. Grafana's variables may appear where PromQL
 * allows strings and durations ({@code "$application"}, {@code [$__rate_interval]}).
 */
final class PromQl {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** A number or duration (skipped), or a name, followed by "(" when it is a function or an aggregation. */
    private static final Pattern TOKENS = Pattern.compile("[0-9][0-9A-Za-z_.]*|([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

    private PromQl() {
    }

    /** The metric names (including recorded series) that an expression selects, sorted. */
    static Set<String> metricNames(String expression) {
        String bare = STRINGS.matcher(expression).replaceAll("\"\"");
        bare = LABEL_MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = LABEL_LISTS.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher token = TOKENS.matcher(bare);
        while (token.find()) {
            String name = token.group(1);
            boolean called = token.group(2) != null;
            if (name != null && !called && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
