package io.emporium.platform.saga;

/**
 * Message type names: each contract record carries its own in a {@code public static final String TYPE}. Used by
 * the saga engine (which reply a step waits for) and by the message-handler tables (which type a handler takes), so
 * that a type is named once, by its contract.
 */
public final class MessageTypes {

    private MessageTypes() {
    }

    /** @throws IllegalArgumentException when the record has no public static String TYPE, or a blank one */
    public static String typeOf(Class<?> messageClass) {
        Object type;
        try {
            type = messageClass.getField("TYPE").get(null);
        }
        catch (ReflectiveOperationException | NullPointerException ex) {
            throw new IllegalArgumentException(messageClass.getName() + " has no public static String TYPE", ex);
        }
        if (type instanceof String name && !name.isBlank()) {
            return name;
        }
        throw new IllegalArgumentException(messageClass.getName() + " has no public static String TYPE (it is "
                + (type == null ? "null" : "a blank or non-String value") + ")");
    }
}
