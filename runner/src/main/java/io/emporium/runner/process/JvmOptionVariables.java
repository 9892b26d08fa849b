package io.emporium.runner.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables every JVM reads its options from: {@code JAVA_TOOL_OPTIONS} (agents, proxies),
 * {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS}. A JVM that finds one prints "Picked up ..." on standard error,
 * which for a service is its JSON log: the first line of every service log was not JSON. The runner hands the options
 * to its service JVMs on the command line instead, with the same effect, and takes the variables out of their
 * environment.
 */
public final class JvmOptionVariables {

    /** The variables taken out of a service JVM's environment. */
    public static final Set<String> NAMES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private JvmOptionVariables() {
    }

    /** The options of {@code JAVA_TOOL_OPTIONS} then {@code JDK_JAVA_OPTIONS}: they come before the command line's. */
    public static List<String> before(Map<String, String> env) {
        List<String> options = new ArrayList<>(split(env.get("JAVA_TOOL_OPTIONS")));
        options.addAll(split(env.get("JDK_JAVA_OPTIONS")));
        return options;
    }

    /** The options of {@code _JAVA_OPTIONS}: they override the command line's, so they come after them. */
    public static List<String> after(Map<String, String> env) {
        return split(env.get("_JAVA_OPTIONS"));
    }

    /** Splits at white space outside single or double quotes, which are removed, as the JVM does. */
    static List<String> split(String value) {
        List<String> options = new ArrayList<>();
        if (value == null) {
            return options;
        }
        StringBuilder option = new StringBuilder();
        boolean inOption = false;
        char quote = 0;
        for (char c : value.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    option.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inOption = true;
            } else if (Character.isWhitespace(c)) {
                if (inOption) {
                    options.add(option.toString());
                    option.setLength(0);
                    inOption = false;
                }
            } else {
                option.append(c);
                inOption = true;
            }
        }
        if (inOption) {
            options.add(option.toString());
        }
        return options;
    }
}
