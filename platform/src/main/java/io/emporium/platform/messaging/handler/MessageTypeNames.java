package io.emporium.platform.messaging.handler;

/** The message type name of a contract record: its {@code public static final String TYPE}. */
final class MessageTypeNames {

    private MessageTypeNames() {
    }

    /** @throws IllegalArgumentException when {@code dataType} has no public static String {@code TYPE} */
    static String of(Class<?> dataType) {
        try {
            if (dataType.getField("TYPE").get(null) instanceof String type && !type.isBlank()) {
                return type;
            }
        }
        catch (ReflectiveOperationException | NullPointerException ex) {
            throw new IllegalArgumentException(dataType.getName() + " has no public static String TYPE: name the"
                    + " message type explicitly, on(type, dataType, handler)", ex);
        }
        throw new IllegalArgumentException(dataType.getName() + ".TYPE is not a non-blank String");
    }
}
